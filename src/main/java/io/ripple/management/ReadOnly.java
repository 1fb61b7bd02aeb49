package io.ripple.management;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an MXBean operation that only reads: its MBeanInfo impact is INFO, and {@code readonly} users may invoke it
 * over JMX and Jolokia. Every other operation has impact ACTION and needs {@code readwrite}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {
}
