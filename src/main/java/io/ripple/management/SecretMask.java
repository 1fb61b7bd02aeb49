package io.ripple.management;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;

/**
 * Hides from remote readers the values of JVM arguments and system properties whose names say password, secret,
 * token or key (in any case): {@code java.lang:type=Runtime} {@code InputArguments} and {@code SystemProperties}, as
 * both the JMX connector and the Jolokia agent serve them.
 */
final class SecretMask {

    /** What a secret value reads as. */
    static final String MASK = "****";

    private static final ObjectName RUNTIME = runtimeName();
    private static final Pattern SECRET_NAME = Pattern.compile("password|secret|token|key", Pattern.CASE_INSENSITIVE);
    // name=value pairs inside an option, e.g. an agent's "-javaagent:a.jar=user=x,password=y"
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "([\\w.\\-]*(?i:password|secret|token|key)[\\w.\\-]*)=([^,;\\s]*)");
    private static final String SYSTEM_PROPERTY = "-D";
    private static final String KEY = "key";
    private static final String VALUE = "value";

    private SecretMask() {
    }

    /** Whether a property or argument of this name holds a secret. */
    static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).find();
    }

    /** The value a remote reader may see of one attribute. */
    static Object attribute(ObjectName name, String attribute, Object value) {
        if (!RUNTIME.equals(name) || value == null) {
            return value;
        }
        if ("InputArguments".equals(attribute) && value instanceof String[] arguments) {
            String[] masked = new String[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                masked[i] = argument(arguments[i]);
            }
            return masked;
        }
        if ("InputArguments".equals(attribute) && value instanceof List<?> arguments) {
            return arguments.stream().map(a -> a instanceof String s ? argument(s) : a).toList();
        }
        if ("SystemProperties".equals(attribute) && value instanceof TabularData properties) {
            return properties(properties);
        }
        return value;
    }

    /** The values a remote reader may see of several attributes. */
    static AttributeList attributes(ObjectName name, AttributeList values) {
        if (!RUNTIME.equals(name) || values == null) {
            return values;
        }
        AttributeList masked = new AttributeList();
        for (Attribute attribute : values.asList()) {
            masked.add(new Attribute(attribute.getName(), attribute(name, attribute.getName(), attribute.getValue())));
        }
        return masked;
    }

    /** A JVM argument: the value of a secret {@code -Dname=value}, and of secret pairs inside any other. */
    static String argument(String argument) {
        int equals = argument.indexOf('=');
        if (argument.startsWith(SYSTEM_PROPERTY) && equals > 0 && isSecretName(argument.substring(0, equals))) {
            return argument.substring(0, equals + 1) + MASK;
        }
        return pairs(argument);
    }

    /** A system property: all of a secret one's value, and the secret pairs inside any other. */
    static String property(String name, String value) {
        return isSecretName(name) ? MASK : pairs(value);
    }

    private static String pairs(String text) {
        Matcher pairs = SECRET_PAIR.matcher(text);
        return pairs.find() ? pairs.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK)) : text;
    }

    private static TabularData properties(TabularData properties) {
        CompositeType row = properties.getTabularType().getRowType();
        if (!row.containsKey(KEY) || !row.containsKey(VALUE)) {
            return properties;
        }
        TabularDataSupport masked = new TabularDataSupport(properties.getTabularType());
        for (Object value : properties.values()) {
            CompositeData entry = (CompositeData) value;
            if (entry.get(KEY) instanceof String name && entry.get(VALUE) instanceof String text
                    && !property(name, text).equals(text)) {
                masked.put(maskedRow(row, name, property(name, text)));
            } else {
                masked.put(entry);
            }
        }
        return masked;
    }

    private static CompositeData maskedRow(CompositeType row, String name, String value) {
        try {
            return new CompositeDataSupport(row, new String[] {KEY, VALUE}, new Object[] {name, value});
        } catch (OpenDataException e) {
            throw new IllegalStateException("system property row of " + row + " cannot hold a masked value", e);
        }
    }

    private static ObjectName runtimeName() {
        try {
            return new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
