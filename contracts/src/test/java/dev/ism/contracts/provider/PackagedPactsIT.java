package dev.ism.contracts.provider;

import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.provider.junitsupport.loader.PactFolderLoader;
import dev.ism.contracts.pacts.ClasspathPactLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar carries the committed pacts, byte for byte, under {@code pacts/}, and
 * {@link ClasspathPactLoader} reads them from it (failsafe runs with this module's jar, not
 * {@code target/classes}, on the classpath). Pact JVM's folder loader cannot.
 */
class PackagedPactsIT {

    private final Path committed = Path.of(System.getProperty("pact.committed.dir", "pacts"));

    @Test
    void theJarCarriesTheCommittedPacts() throws Exception {
        Map<String, byte[]> packaged = new ClasspathPactLoader(ClasspathPactLoader.DEFAULT_LOCATION).pactFiles();
        Map<String, byte[]> byName = new TreeMap<>();
        packaged.forEach((url, bytes) -> {
            assertTrue(url.startsWith("jar:file:") && url.contains("ism-contracts-") && url.contains(".jar!/pacts/"),
                    "read from this module's jar: " + url);
            byName.put(url.substring(url.lastIndexOf('/') + 1), bytes);
        });
        Map<String, byte[]> files = new TreeMap<>();
        try (var s = Files.list(committed)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertEquals(files.keySet(), byName.keySet());
        files.forEach((name, bytes) -> assertArrayEquals(bytes, byName.get(name), name + " differs from the committed file"));
    }

    @Test
    void theLoaderKeepsThePactsOfTheProvider() throws Exception {
        var pacts = new ClasspathPactLoader(ClasspathPactLoader.DEFAULT_LOCATION).load(Pacts.PROVIDER);
        assertEquals(2, pacts.size());
        assertEquals(10, pacts.stream().mapToInt(p -> p.getInteractions().size()).sum());
        for (Pact p : pacts) {
            assertEquals(Pacts.PROVIDER, p.getProvider().getName());
        }
        assertEquals(0, new ClasspathPactLoader(ClasspathPactLoader.DEFAULT_LOCATION).load("some-other-provider").size());
    }

    /** Why the loader exists: {@code @PactFolder("pacts")} finds nothing inside a jar. */
    @Test
    void pactJvmsFolderLoaderCannotReadFromAJar() throws Exception {
        assertEquals(0, new PactFolderLoader("pacts").load(Pacts.PROVIDER).size());
    }
}
