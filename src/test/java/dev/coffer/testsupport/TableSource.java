package dev.coffer.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;

/**
 * Feeds a parameterized test the cases of a YAML table under src/test/resources (see {@link Tables}):
 * each case as a display name ("from: name") and the case map.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(TableSource.Provider.class)
public @interface TableSource {

    /** The table's resource path. */
    String value();

    /** Reads the table named by the annotation. */
    final class Provider implements ArgumentsProvider, AnnotationConsumer<TableSource> {
        private String resource;

        @Override
        public void accept(TableSource source) {
            resource = source.value();
        }

        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return Tables.load(resource).stream().map(c -> Arguments.of(c.get("from") + ": " + c.get("name"), c));
        }
    }
}
