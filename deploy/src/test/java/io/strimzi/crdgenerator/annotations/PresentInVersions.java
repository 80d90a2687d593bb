package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Strimzi's own annotation (in its crd-generator, which is not published), with the same name and member, so
 * that reflection can read it from the classes of {@code io.strimzi:api}: a property marked
 * {@code @PresentInVersions("v1beta2")} is not part of the {@code kafka.strimzi.io/v1} schema, and the schema
 * check ({@code nl.meedoen.deploy.Schemas}) treats it as an unknown field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface PresentInVersions {
    String value();
}
