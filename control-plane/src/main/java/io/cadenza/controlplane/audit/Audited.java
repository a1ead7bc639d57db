package io.cadenza.controlplane.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a mutating endpoint: its outcome is written to the audit log as {@code value} (e.g. namespace.create). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    String value();

    /** Path parameter naming the resource, when the handler does not set one. */
    String resourceParam() default "";
}
