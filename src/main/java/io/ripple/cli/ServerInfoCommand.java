package io.ripple.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ripple server info}: the Server and ConfigStore attributes of the server the connection points at. */
@Command(name = "info", description = "Show this server's state and configuration version")
final class ServerInfoCommand extends ProbeCommand {

    @Override
    int run(Probe probe, Output out) {
        Map<String, Object> server = probe.serverAttributes();
        Map<String, Object> store = probe.configStoreAttributes();
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", probe.url());
            doc.put("server", server);
            doc.put("configStore", store);
            out.printJson(doc);
            return ExitCodes.OK;
        }
        Map<String, Object> rows = new LinkedHashMap<>(server);
        rows.put("StartTime", time(server.get("StartTime")));
        rows.putAll(store);
        rows.put("Timestamp", time(store.get("Timestamp")));
        out.line("Server at " + probe.url());
        out.text(Output.table(rows));
        return ExitCodes.OK;
    }

    /** An ISO-8601 time as the MBeans give it; a number from a server before them is epoch milliseconds. */
    private static String time(Object value) {
        if (value instanceof Number n) {
            return n.longValue() <= 0 ? "-" : Instant.ofEpochMilli(n.longValue()).toString();
        }
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }
}
