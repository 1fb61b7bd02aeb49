package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.management.ClusterClaim;
import io.ripple.management.SafeText;
import java.util.List;
import java.util.Optional;

/**
 * Issue #21, learning a promotion at the new master's next run: what a replica does with an operation whose caller
 * claims a term above the one it has seen and is not the master it follows. A member of its membership (of its
 * cluster) is the master of that newer term: the replica re-points to it (at the URL its membership gives) and the
 * operation proceeds. Any other caller is refused, and its term is not recorded: a server this replica does not know
 * as a member cannot make it leave its master.
 */
final class HigherTermCaller {

    /** What the replica knows when the operation arrives. */
    record Known(String name, String clusterId, String master, long term, List<MemberInfo> members) {
    }

    /**
     * The verdict on one operation.
     *
     * @param follow  the master to re-point to before the operation runs
     * @param refusal the line the operation is refused with
     */
    record Verdict(Optional<MasterRecord> follow, Optional<String> refusal) {
        static final Verdict PASS = new Verdict(Optional.empty(), Optional.empty());

        boolean passes() {
            return follow.isEmpty() && refusal.isEmpty();
        }
    }

    private HigherTermCaller() {
    }

    /**
     * Judges a replica's operation: passes what carries no higher term, or comes from the master it follows (its
     * term is then learned as before); re-points to a member of a higher term; refuses anyone else of a higher term.
     */
    static Verdict judge(Known known, String operation, Optional<ClusterClaim> claim) {
        if (claim.isEmpty() || claim.get().term() <= known.term() || claim.get().caller().equals(known.master())) {
            return Verdict.PASS;
        }
        ClusterClaim c = claim.get();
        String caller = SafeText.of(c.caller());
        String start = "Refused " + operation + " from '" + caller + "' of term " + c.term() + ": ";
        if (known.clusterId().isEmpty() || !known.clusterId().equals(c.clusterId())) {
            return refuse(start + known.name() + " has pinned no cluster yet, and follows a master of a newer term only"
                    + " within its own cluster. Nothing changed.");
        }
        Optional<MemberInfo> member = known.members().stream().filter(m -> m.getName().equals(c.caller())).findFirst();
        if (member.isEmpty() || c.caller().equals(known.name())) {
            return refuse(start + "'" + caller + "' is not a member of the cluster as " + known.name() + " knows it (data-dir/"
                    + ClusterMembers.FILE + "); " + known.name() + " follows master '" + known.master() + "' of term "
                    + known.term() + ". Nothing changed.");
        }
        try {
            return new Verdict(Optional.of(new MasterRecord(c.caller(), member.get().getUrl(), c.term())), Optional.empty());
        } catch (IllegalArgumentException e) {
            return refuse(start + "its URL in the membership cannot be followed (" + e.getMessage() + "). Nothing changed.");
        }
    }

    private static Verdict refuse(String line) {
        return new Verdict(Optional.empty(), Optional.of(line));
    }
}
