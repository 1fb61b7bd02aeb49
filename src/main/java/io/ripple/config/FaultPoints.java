package io.ripple.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only fault points: the moments where the fault-injection tests ({@code FaultIT}) stop a process or drop a step.
 * They are off unless the JVM was started with {@code -Dripple.fault.enabled=true}, which only the tests' process
 * launcher passes; then they act as these system properties say. Off, every call returns at once, and a pause or skip
 * property left in a production JVM's options is ignored with one warning at start.
 * <ul>
 *   <li>{@code -Dripple.fault.pause=POINT[,POINT]}: on reaching POINT, append its name to the file named by
 *       {@code -Dripple.fault.marker}, then block until the process is killed.</li>
 *   <li>{@code -Dripple.fault.skip=POINT[,POINT]}: the step at POINT is not carried out.</li>
 * </ul>
 */
public final class FaultPoints {

    private static final Logger log = LoggerFactory.getLogger(FaultPoints.class);

    /** {@code true} turns the fault points on; any other value, or none, leaves them off. */
    public static final String ENABLED_PROPERTY = "ripple.fault.enabled";
    public static final String PAUSE_PROPERTY = "ripple.fault.pause";
    public static final String SKIP_PROPERTY = "ripple.fault.skip";
    public static final String MARKER_PROPERTY = "ripple.fault.marker";

    /** A replica has fetched part of a file into its staging folder, not all of it. */
    public static final String PULLING = "pulling";
    /** A replica has staged every file; its apply journal is not written yet. */
    public static final String STAGED = "staged";
    /** A replica has moved the first file of an apply into place, not the others. */
    public static final String APPLYING = "applying";
    /** A replica is about to report its outcome to the master ({@code replicaCompleted}). */
    public static final String REPORT = "report";

    /** The points this JVM pauses at and skips, read once from its system properties. */
    record Plan(Set<String> paused, Set<String> skipped) {

        static final Plan NONE = new Plan(Set.of(), Set.of());

        /** What {@code properties} ask for; nothing unless they enable fault injection. */
        static Plan of(Properties properties) {
            Set<String> paused = names(properties.getProperty(PAUSE_PROPERTY, ""));
            Set<String> skipped = names(properties.getProperty(SKIP_PROPERTY, ""));
            if (paused.isEmpty() && skipped.isEmpty()) {
                return NONE;
            }
            if (!"true".equals(properties.getProperty(ENABLED_PROPERTY))) {
                log.warn("Fault injection is off: {} and {} are ignored (only tests set them, with -D{}=true)",
                        PAUSE_PROPERTY, SKIP_PROPERTY, ENABLED_PROPERTY);
                return NONE;
            }
            log.warn("Fault injection is on ({}=true): this process pauses at {} and skips {}, as tests ask",
                    ENABLED_PROPERTY, paused, skipped);
            return new Plan(paused, skipped);
        }

        private static Set<String> names(String value) {
            return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static final Plan PLAN = Plan.of(System.getProperties());
    private static final Set<String> PAUSED = PLAN.paused();
    private static final Set<String> SKIPPED = PLAN.skipped();

    private FaultPoints() {
    }

    /** Blocks here for good when the tests asked this process to pause at {@code point}. */
    public static void pause(String point) {
        if (PAUSED.isEmpty() || !PAUSED.contains(point)) {
            return;
        }
        log.warn("Fault point {}: pausing until this process is killed", point);
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), point + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                log.error("Fault point {}: cannot write the marker {}: {}", point, marker, e.getMessage());
            }
        }
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // a kill is what ends this pause, not a shutdown asking the thread to stop
            }
        }
    }

    /** True when the tests asked this process to leave out the step at {@code point}. */
    public static boolean skip(String point) {
        boolean skip = !SKIPPED.isEmpty() && SKIPPED.contains(point);
        if (skip) {
            log.warn("Fault point {}: step skipped", point);
        }
        return skip;
    }
}
