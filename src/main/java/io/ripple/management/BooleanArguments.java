package io.ripple.management;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Descriptor;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ObjectName;
import javax.management.openmbean.SimpleType;

/**
 * Booleans must be booleans. Jolokia turns an argument for a boolean parameter into a boolean however it can ({@code
 * "maybe"}, {@code ""} and {@code 1} all become {@code false}), so a typo or a forged value would run the operation
 * with a value nobody chose. A boolean parameter ({@code boolean} or {@code java.lang.Boolean}, by the operation's
 * signature in its MBeanInfo) takes a JSON boolean or the string {@code true} or {@code false} in any case (the only
 * strings whose meaning is not in doubt), and {@code null} only when it is a {@code java.lang.Boolean}.
 *
 * <p>The operation is found as Jolokia's exec handler finds it: by name, or by name and signature when the operation
 * is given as {@code name(type,...)}; when Jolokia would find none, or several, it refuses the request itself. The
 * value written to a boolean attribute is held to the same rule.
 */
final class BooleanArguments {

    private static final Pattern WITH_SIGNATURE = Pattern.compile("^(.*)\\((.*)\\)$");
    private static final String PRIMITIVE = "boolean";
    private static final Set<String> BOOLEAN_TYPES = Set.of(PRIMITIVE, Boolean.class.getName());
    private static final Set<String> BOOLEAN_NAMES = Set.of("true", "false");
    private static final String OPEN_TYPE_FIELD = "openType";
    private static final int SHOWN_CHARS = 40;

    private BooleanArguments() {
    }

    /**
     * Why an exec request's arguments are refused, or empty when every boolean parameter gets a boolean.
     *
     * @param name the MBean the operation is invoked on
     * @param operation the operation as the request names it, with or without a signature
     * @param arguments the request's arguments as Jolokia parsed them; {@code null} for none
     * @param info the MBean's info
     */
    static Optional<String> refusal(ObjectName name, String operation, List<?> arguments, MBeanInfo info) {
        if (operation == null) {
            return Optional.empty();
        }
        Matcher signed = WITH_SIGNATURE.matcher(operation);
        String bare = signed.matches() ? signed.group(1) : operation;
        List<String> signature = signed.matches() ? types(signed.group(2)) : null;
        Optional<MBeanOperationInfo> target = find(info, bare, signature);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        MBeanParameterInfo[] parameters = target.get().getSignature();
        List<?> given = arguments == null ? List.of() : arguments;
        for (int i = 0; i < Math.min(parameters.length, given.size()); i++) {
            if (isBoolean(parameters[i].getType(), parameters[i].getDescriptor())
                    && !isBooleanValue(given.get(i), parameters[i].getType())) {
                return Optional.of("Operation " + bare + " of " + name + ": parameter " + parameters[i].getName()
                        + " (" + parameters[i].getType() + ") must be true or false, not " + shown(given.get(i)));
            }
        }
        return Optional.empty();
    }

    /**
     * Why a write request's value is refused, or empty when the attribute is not a boolean or gets a boolean.
     *
     * @param path the inner path the value is written to; a value for an inner element is left to Jolokia
     */
    static Optional<String> valueRefusal(ObjectName name, String attribute, Object value, List<String> path, MBeanInfo info) {
        if (path != null && !path.isEmpty()) {
            return Optional.empty();
        }
        for (MBeanAttributeInfo each : info.getAttributes()) {
            if (each.getName().equals(attribute) && isBoolean(each.getType(), each.getDescriptor())
                    && !isBooleanValue(value, each.getType())) {
                return Optional.of("Attribute " + attribute + " of " + name + " (" + each.getType()
                        + ") must be true or false, not " + shown(value));
            }
        }
        return Optional.empty();
    }

    private static List<String> types(String signature) {
        return signature.isEmpty() ? List.of() : Arrays.asList(signature.split("\\s*,\\s*"));
    }

    /** The operation Jolokia would invoke: the only one of that name, or the one of that exact signature. */
    private static Optional<MBeanOperationInfo> find(MBeanInfo info, String bare, List<String> signature) {
        List<MBeanOperationInfo> named = new ArrayList<>();
        for (MBeanOperationInfo op : info.getOperations()) {
            if (op.getName().equals(bare)) {
                named.add(op);
            }
        }
        if (signature == null) {
            return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
        }
        return named.stream().filter(op -> Arrays.stream(op.getSignature()).map(MBeanParameterInfo::getType).toList()
                .equals(signature)).findFirst();
    }

    private static boolean isBoolean(String type, Descriptor descriptor) {
        return BOOLEAN_TYPES.contains(type) || SimpleType.BOOLEAN.equals(descriptor.getFieldValue(OPEN_TYPE_FIELD));
    }

    private static boolean isBooleanValue(Object value, String type) {
        if (value == null) {
            return !PRIMITIVE.equals(type);
        }
        return value instanceof Boolean
                || value instanceof String text && BOOLEAN_NAMES.contains(text.toLowerCase(Locale.ROOT));
    }

    /** The value as the refusal shows it: a string quoted, anything long cut short. */
    private static String shown(Object value) {
        String text = String.valueOf(value);
        String cut = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
        return value instanceof String ? "\"" + cut + "\"" : cut;
    }
}
