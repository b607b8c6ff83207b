package dev.ism.function.sam;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the Lambda package as the Lambda Java runtime starts it, in a JVM of its own (LambdaStartIT runs it
 * with only the shaded jar, the runtime's event serializer and this probe on the classpath: no Netty, no
 * DynamoDB Local, no test resources):
 * <ol>
 *   <li>init: the handler class named in template.yaml, by its no-argument constructor;</li>
 *   <li>with {@code -Dism.probe.snapstart=true}, the SnapStart checkpoint and restore, through the stand-in
 *   CRaC runtime ({@code fakecrac.Core}): the function's registered hooks run (priming);</li>
 *   <li>each event file through {@code handleRequest} as the runtime calls the handler: its bytes to a
 *   stream handler (template.yaml's), or read with the runtime's serializer for a typed handler's input
 *   type and the response written back with the serializer for its output type.</li>
 * </ol>
 * Results are lines on stdout starting with {@value #PREFIX} (the function logs on stdout too), times in ms.
 * No dependency on test code: this class must load from the probe's own small classpath.
 */
public final class LambdaRuntimeProbe {

    static final String PREFIX = "PROBE ";

    private LambdaRuntimeProbe() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        boolean netty = present("io.netty.channel.Channel") || present("io.micronaut.http.server.netty.NettyHttpServer");
        boolean dynamoDbLocal = present("software.amazon.dynamodb.services.local.main.ServerRunner");
        out.println(PREFIX + "classpath netty=" + netty + " dynamodb-local=" + dynamoDbLocal);

        long t0 = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        Object handler = handlerClass.getConstructor().newInstance();
        long t1 = System.nanoTime();
        out.println(PREFIX + "init ms=" + ms(t0, t1) + " jvm-uptime-ms=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());

        if (Boolean.getBoolean("ism.probe.snapstart")) {
            long c0 = System.nanoTime();
            dev.ism.function.sam.fakecrac.Core.checkpointRestore();
            long c1 = System.nanoTime();
            out.println(PREFIX + "checkpoint ms=" + ms(c0, c1) + " resources=" + dev.ism.function.sam.fakecrac.Core.registered());
        }

        for (int i = 1; i < args.length; i++) {
            byte[] event = Files.readAllBytes(Path.of(args[i]));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            long r0 = System.nanoTime();
            if (handler instanceof RequestStreamHandler stream) {
                // The runtime passes the event's bytes to a stream handler, and returns what it wrote.
                stream.handleRequest(new ByteArrayInputStream(event), json, new ProbeContext());
            } else {
                // A typed handler gets the event read by the runtime's serializer for its input type.
                Type[] types = requestHandlerTypes(handlerClass);
                ClassLoader loader = LambdaRuntimeProbe.class.getClassLoader();
                Object typed = LambdaEventSerializers.serializerFor((Class) types[0], loader).fromJson(new String(event, StandardCharsets.UTF_8));
                Object response = ((RequestHandler) handler).handleRequest(typed, new ProbeContext());
                LambdaEventSerializers.serializerFor((Class) types[1], loader).toJson(response, json);
            }
            long r1 = System.nanoTime();
            out.println(PREFIX + "response file=" + Path.of(args[i]).getFileName() + " ms=" + ms(r0, r1) + " json="
                    + json.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        }
        Runtime rt = Runtime.getRuntime();
        out.println(PREFIX + "done heap-used-mb=" + ((rt.totalMemory() - rt.freeMemory()) >> 20)
                + " heap-committed-mb=" + (rt.totalMemory() >> 20));
        out.flush();
        System.exit(0); // the function's executor threads are not daemons
    }

    private static Type[] requestHandlerTypes(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Type t : k.getGenericInterfaces()) {
                if (t instanceof ParameterizedType pt && pt.getRawType() == RequestHandler.class) {
                    return pt.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(c + " is not a RequestHandler<I, O>");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, LambdaRuntimeProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** The invocation context the runtime passes. */
    private static final class ProbeContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "8f5e2b1c-probe-0000-0000-000000000000";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/imagestreammappings-imagestreammappings";
        }

        @Override
        public String getLogStreamName() {
            return "2026/01/01/[1]probe";
        }

        @Override
        public String getFunctionName() {
            return "imagestreammappings-IsmFunction";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:imagestreammappings-IsmFunction:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 29_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
