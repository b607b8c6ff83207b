package dev.ism.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One cold start, as the Lambda Java runtime makes it: in a fresh JVM whose class path is the Lambda
 * package, the aws-lambda-java-serialization jar and this class only, construct the handler by its
 * no-argument constructor and call {@code handleRequest} with a new invocation context: a stream handler
 * with the event file's bytes; a typed handler with the event read by the runtime's serializer for its
 * input type, the response written with the serializer for its output type (phase {@code event_decode}). The response goes to stdout; stderr gets the figures, in the floor's
 * words ({@code ms_since_jvm_start=N}, then {@code phases_ms ...}).
 *
 * <p>{@code --fresh-image DIGEST}: every occurrence of DIGEST in the event is replaced with a random
 * sha256 digest, so that each write run stores a new Image, as the floor's runs use new keys.
 *
 * <p>Usage: {@code ColdStart HANDLER_CLASS EVENT_FILE [--fresh-image DIGEST]}
 */
public final class ColdStart {

    private ColdStart() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long main = System.currentTimeMillis();
        String event = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        if (args.length > 3 && args[2].equals("--fresh-image")) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            event = event.replace(args[3], "sha256:" + HexFormat.of().formatHex(random));
        }

        long t0 = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        Object handler = handlerClass.getConstructor().newInstance();
        long t1 = System.nanoTime();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        long t2;
        long t3;
        if (handler instanceof RequestStreamHandler stream) {
            // The runtime passes a stream handler the event's bytes and returns what it writes.
            t2 = System.nanoTime();
            stream.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), json, new Invocation());
            t3 = System.nanoTime();
        } else {
            // A typed handler gets the event read by the runtime's serializer for its input type.
            Type[] types = handlerTypes(handlerClass);
            PojoSerializer in = LambdaEventSerializers.serializerFor((Class) types[0], ColdStart.class.getClassLoader());
            PojoSerializer out = LambdaEventSerializers.serializerFor((Class) types[1], ColdStart.class.getClassLoader());
            Object input = in.fromJson(event);
            t2 = System.nanoTime();
            Object response = ((RequestHandler) handler).handleRequest(input, new Invocation());
            t3 = System.nanoTime();
            out.toJson(response, json);
        }
        System.out.write(json.toByteArray());
        System.out.println();
        System.out.flush();
        long t4 = System.nanoTime();
        long responded = System.currentTimeMillis();

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("ms_since_jvm_start=" + (responded - jvmStart));
        System.err.println("phases_ms jvm_to_main=" + (main - jvmStart) + " handler_init=" + ms(t0, t1)
                + " event_decode=" + ms(t1, t2) + " handle=" + ms(t2, t3) + " respond=" + ms(t3, t4));
        System.exit(0); // the function's executor threads are not daemons
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static Type[] handlerTypes(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Type t : k.getGenericInterfaces()) {
                if (t instanceof ParameterizedType pt && pt.getRawType() == RequestHandler.class) {
                    return pt.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(c + " is not a RequestHandler<I, O>");
    }

    /** The invocation context the runtime passes. */
    private static final class Invocation implements Context {
        private final String id = UUID.randomUUID().toString();

        @Override public String getAwsRequestId() { return id; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 29_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
