package io.ripple.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code ripple cluster members}: the cluster's membership and term as the server the connection points at knows them.
 * Any server answers (the master from its replica lines, a replica from its copy of what its master published), so it
 * works while the master is down; with {@code --conf} it asks the server that file describes.
 */
@Command(name = "members", description = "List the cluster's members, its master and term, as this server knows them "
        + "(any server answers: a replica keeps the membership its master publishes)")
final class ClusterMembersCommand extends ProbeCommand {

    @Override
    int run(Probe probe, Output out) {
        Probe.Membership m = probe.membership();
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("server", m.server());
            doc.put("role", m.role());
            doc.put("master", m.master());
            doc.put("term", m.term());
            List<Map<String, Object>> members = new ArrayList<>();
            for (String line : m.members()) {
                int space = line.indexOf(' ');
                String name = space < 0 ? line : line.substring(0, space);
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("name", name);
                member.put("url", space < 0 ? "" : line.substring(space + 1));
                member.put("master", name.equals(m.master()));
                members.add(member);
            }
            doc.put("members", members);
            out.printJson(doc);
            return ExitCodes.OK;
        }
        out.line("Cluster members as " + m.role() + " '" + m.server() + "' knows them: master '" + m.master() + "', term "
                + m.term());
        if (m.members().length == 0) {
            out.line("  (none yet: a replica learns them at its first sync from its master)");
        }
        for (String line : m.members()) {
            String name = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
            out.line((name.equals(m.master()) ? "* " : "  ") + line);
        }
        return ExitCodes.OK;
    }
}
