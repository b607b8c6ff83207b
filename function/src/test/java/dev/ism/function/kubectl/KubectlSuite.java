package dev.ism.function.kubectl;

import dev.ism.function.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** What a kubectl test class shares: its own HTTPS server and kubeconfig ({@link Kubectl}), and a namespace of its own. */
abstract class KubectlSuite {

    @TempDir
    static Path dir;
    static Kubectl kubectl;
    static String ns;

    @BeforeAll
    static void startKubectl() {
        kubectl = Kubectl.start(dir);
        ns = Api.unique("kubectl");
    }

    @AfterAll
    static void stopKubectl() {
        if (kubectl != null) {
            kubectl.close();
            kubectl = null;
        }
    }
}
