package dev.ism.function.config;

import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.core.io.service.SoftServiceLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unset is absent, empty or blank; empty {@code ISM_*} variables are left out of the environment's property source. */
class EmptyVariablesAreUnsetTest {

    @Test
    void unset() {
        for (String unset : new String[] {null, "", " ", "\t\n"}) {
            assertTrue(Unset.isUnset(unset));
            assertEquals(null, Unset.orNull(unset));
            assertEquals("d", Unset.or(unset, "d"));
            assertTrue(Unset.flag(unset, true));
            assertFalse(unset != null && unset.matches(Unset.SET), "@Requires(pattern = Unset.SET) of " + unset);
        }
        assertEquals(" x ", Unset.orNull(" x "));
        assertTrue("a\nb".matches(Unset.SET) && " x".matches(Unset.SET));
        assertFalse(Unset.flag(" FALSE ", true));
        assertTrue(Unset.flag("True", false));
    }

    @Test
    void emptyIsmVariablesAreExcluded() {
        Map<String, String> env = Map.of("ISM_TABLE_NAME", "", "ISM_HOST", " ", "ISM_PORT", "8080", "HOME", "", "PATH", "/bin");
        assertArrayEquals(new String[] {"ISM_HOST", "ISM_TABLE_NAME"}, EmptyVariablesAreUnset.emptyNames(env));
    }

    /** Micronaut applies it to every context builder: it is one of the builder services it loads. */
    @Test
    void isAMicronautContextConfigurer() {
        List<ApplicationContextConfigurer> loaded = new ArrayList<>();
        SoftServiceLoader.load(ApplicationContextConfigurer.class).collectAll(loaded);
        assertTrue(loaded.stream().anyMatch(EmptyVariablesAreUnset.class::isInstance), loaded.toString());
    }
}
