package dev.coffer.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a one-of block: its schema gets upstream's {@code minProperties: 1} and
 * {@code maxProperties: 1}, so that the API server refuses a block that sets none or two of its
 * fields. The Fabric8 generator cannot express this on a type that recurs (it reuses the type's
 * schema and loses a field's {@code @Size}), so the step that finishes the generated CRDs
 * ({@code CrdFinish}, run by {@code CrdDriftTest}) adds it wherever the marked type appears.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExactlyOneField {
}
