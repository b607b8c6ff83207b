package dev.ism.contracts.pacts;

import au.com.dius.pact.provider.junitsupport.loader.PactSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Pact JVM provider test class: verify the pacts found on the classpath under {@link #value()},
 * read by {@link ClasspathPactLoader} from directories and from jars alike. With the
 * {@code dev.ism:ism-contracts} jar on the test classpath, {@code @ClasspathPacts} alone verifies the
 * ImageStreamMapping API's committed pacts:
 *
 * <pre>{@code
 * @Provider("imagestreammapping-api")
 * @ClasspathPacts
 * class MyProviderTest { ... }
 * }</pre>
 *
 * Pact JVM's {@code @PactFolder} cannot do this: it turns the resource URL into a {@code File}, which
 * fails for a {@code jar:} URL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@PactSource(ClasspathPactLoader.class)
public @interface ClasspathPacts {

    /** The classpath directory holding the pact files ({@code *.json}). */
    String value() default ClasspathPactLoader.DEFAULT_LOCATION;
}
