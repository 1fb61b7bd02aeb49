package io.ripple.node;

import io.ripple.management.ClusterClaim;
import io.ripple.management.SafeText;
import java.util.List;
import java.util.Optional;

/**
 * Whether a server believes a call that says "I am the cluster's master now" ({@code Failover.masterPromoted}): the
 * caller must be the master it names, of this server's cluster, a member of the cluster as this server knows it, and
 * claim a term above the one of the master this server follows. A repeated call of the master it follows already is
 * answered, not redone.
 */
final class NewMasterCheck {

    /** What the server knows when the call arrives. */
    record Known(String name, String clusterId, String followedMaster, long followedTerm, List<String> memberNames) {
    }

    /** The verdict: refused (with why), already following, or follow. */
    record Verdict(Optional<String> refusal, boolean already) {
        static Verdict refuse(String why) {
            return new Verdict(Optional.of(why), false);
        }
    }

    private NewMasterCheck() {
    }

    static Verdict judge(Known k, Optional<ClusterClaim> claim, String master, long term) {
        if (claim.isEmpty() || claim.get().term() <= ClusterClaim.NO_TERM) {
            return Verdict.refuse("the call claims no term");
        }
        ClusterClaim c = claim.get();
        if (!c.caller().equals(master)) {
            return Verdict.refuse("the caller '" + SafeText.of(c.caller()) + "' is not the master '" + SafeText.of(master)
                    + "' it names");
        }
        if (c.term() != term) {
            return Verdict.refuse("it gives term " + term + " but its call claims term " + c.term());
        }
        if (k.clusterId().isEmpty() || !k.clusterId().equals(c.clusterId())) {
            return Verdict.refuse("it claims cluster " + (c.clusterId().isEmpty() ? "(none)" : SafeText.of(c.clusterId()))
                    + ", and " + k.name() + " belongs to cluster " + (k.clusterId().isEmpty() ? "(none yet)" : k.clusterId()));
        }
        if (master.equals(k.name())) {
            return Verdict.refuse("it names " + k.name() + " itself");
        }
        if (!k.memberNames().contains(master)) {
            return Verdict.refuse("'" + SafeText.of(master) + "' is not a member of the cluster as " + k.name() + " knows it");
        }
        if (master.equals(k.followedMaster()) && term == k.followedTerm()) {
            return new Verdict(Optional.empty(), true);
        }
        if (term <= k.followedTerm()) {
            return Verdict.refuse(k.name() + " follows master '" + k.followedMaster() + "' of term " + k.followedTerm()
                    + ", not older than term " + term);
        }
        return new Verdict(Optional.empty(), false);
    }
}
