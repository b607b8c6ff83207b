package dev.ism.contracts.pacts;

import au.com.dius.pact.core.model.ContentTypeHint;
import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.UrlSource;
import au.com.dius.pact.core.model.UrlsSource;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.support.json.JsonParser;
import au.com.dius.pact.core.support.json.JsonValue;
import au.com.dius.pact.provider.junitsupport.loader.PactLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A Pact JVM {@link PactLoader} that reads pact files ({@code *.json}) from a classpath directory,
 * wherever it is: a directory on disk ({@code file:} URL) or a directory inside a jar ({@code jar:}
 * URL), every occurrence on the classpath. It keeps the pacts of the requested provider.
 *
 * <p>Use it through {@link ClasspathPacts @ClasspathPacts} (which is annotated with
 * {@code @PactSource(ClasspathPactLoader.class)}), or directly: {@code new ClasspathPactLoader("pacts")
 * .load("imagestreammapping-api")}.
 *
 * <p>The {@code dev.ism:ism-contracts} jar carries the ImageStreamMapping API's committed pacts under
 * {@value #DEFAULT_LOCATION}. Each loaded pact's source is the resource's URL, so reports and failure
 * messages name the jar and the file.
 *
 * <p>One repair on loading: a V4 body stored verbatim as {@code "encoded": "JSON"} (JSON-typed text
 * that does not parse, such as the malformed-JSON request of the {@code image-integrator} pact) gets
 * back the {@code BINARY} hint that Pact JVM 4.6's writer relied on and its reader drops. Without it
 * the bytes sent are the same, but anything that re-serialises the interaction (the JSON
 * verification report) tries to parse the body and fails the verification.
 */
public final class ClasspathPactLoader implements PactLoader {

    /** Where the {@code ism-contracts} jar keeps its pacts. */
    public static final String DEFAULT_LOCATION = "pacts";

    private final String location;
    private final ClassLoader classLoader;
    private final UrlsSource source = new UrlsSource(new ArrayList<>(), new LinkedHashMap<>());

    /** Instantiated so by Pact JVM for a test class annotated {@link ClasspathPacts}. */
    public ClasspathPactLoader(ClasspathPacts annotation) {
        this(annotation.value());
    }

    /** Pacts under {@code location}, through the thread's context class loader. */
    public ClasspathPactLoader(String location) {
        this(location, null);
    }

    /** @param classLoader null: the thread's context class loader at load time (as Pact JVM does) */
    public ClasspathPactLoader(String location, ClassLoader classLoader) {
        Objects.requireNonNull(location, "location");
        String l = location.replace('\\', '/');
        while (l.startsWith("/")) {
            l = l.substring(1);
        }
        while (l.endsWith("/")) {
            l = l.substring(0, l.length() - 1);
        }
        this.location = l;
        this.classLoader = classLoader;
    }

    @Override
    public List<Pact> load(String providerName) throws IOException {
        List<Pact> pacts = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : pactFiles().entrySet()) {
            Pact pact = read(file.getKey(), file.getValue());
            if (providerName == null || providerName.equals(pact.getProvider().getName())) {
                pacts.add(pact);
                source.getUrl().add(file.getKey());
                source.getPacts().put(file.getKey(), pact);
            }
        }
        return pacts;
    }

    @Override
    public UrlsSource getPactSource() {
        return source;
    }

    @Override
    public String description() {
        return "Classpath(" + location + "/*.json)";
    }

    /**
     * Every {@code *.json} directly under the location, on every classpath entry that has it: the
     * resource's URL (as text, sorted) to its bytes.
     */
    public Map<String, byte[]> pactFiles() throws IOException {
        ClassLoader cl = classLoader != null ? classLoader
                : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : ClasspathPactLoader.class.getClassLoader();
        Map<String, byte[]> files = new TreeMap<>();
        Enumeration<URL> dirs = cl.getResources(location.isEmpty() ? "" : location + "/");
        for (URL dir : Collections.list(dirs)) {
            switch (dir.getProtocol()) {
                case "file" -> fromDirectory(dir, files);
                case "jar" -> fromJar(dir, files);
                default -> throw new IOException("cannot list pacts in " + dir + ": only file: and jar: URLs are supported");
            }
        }
        return files;
    }

    private static void fromDirectory(URL dir, Map<String, byte[]> files) throws IOException {
        Path path;
        try {
            path = Path.of(dir.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("not a directory URL: " + dir, e);
        }
        try (Stream<Path> s = Files.list(path)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).toList()) {
                files.put(p.toUri().toURL().toString(), Files.readAllBytes(p));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void fromJar(URL dir, Map<String, byte[]> files) throws IOException {
        URLConnection c = dir.openConnection();
        if (!(c instanceof JarURLConnection jar)) {
            throw new IOException("not a jar URL: " + dir);
        }
        String prefix = jar.getEntryName() == null ? "" : jar.getEntryName();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        // Open the jar file itself, not the connection's shared cached copy, and close it.
        jar.setUseCaches(false);
        try (JarFile jarFile = new JarFile(Path.of(toUri(jar.getJarFileURL())).toFile())) {
            for (JarEntry e : Collections.list(jarFile.entries())) {
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith(prefix) && name.endsWith(".json")
                        && name.indexOf('/', prefix.length()) < 0) {
                    try (InputStream in = jarFile.getInputStream(e)) {
                        files.put("jar:" + jar.getJarFileURL() + "!/" + name, in.readAllBytes());
                    }
                }
            }
        }
    }

    private static java.net.URI toUri(URL url) throws IOException {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("not a file URL: " + url, e);
        }
    }

    private static Pact read(String url, byte[] bytes) throws IOException {
        JsonValue json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        if (!(json instanceof JsonValue.Object object)) {
            throw new IOException(url + " is not a pact file: not a JSON object");
        }
        Pact pact = DefaultPactReader.INSTANCE.pactFromJson(object, new UrlSource(url));
        for (Interaction i : pact.getInteractions()) {
            if (i instanceof V4Interaction.SynchronousHttp http) {
                keepVerbatim(http.getRequest().getBody());
                keepVerbatim(http.getResponse().getBody());
            }
        }
        return pact;
    }

    /** A JSON-typed body that is not JSON: mark it as raw bytes, as the consumer side did. */
    private static void keepVerbatim(OptionalBody body) {
        if (body.isPresent() && body.getContentType().isJson() && body.getContentTypeHint() == ContentTypeHint.DEFAULT) {
            try {
                JsonParser.parseString(body.valueAsString());
            } catch (RuntimeException notJson) {
                body.setContentTypeHint(ContentTypeHint.BINARY);
            }
        }
    }
}
