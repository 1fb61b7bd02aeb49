package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.management.SafeText;
import io.ripple.remote.MemberView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a starting server makes of its members' answers to "which term, which master" ({@link MasterDiscovery}): the
 * master of the highest term above its own, or nothing to follow. An answer is untrusted: it counts only when the
 * member that gave it is the member asked, of this cluster, with a readable name and term, and names a master that is
 * in the membership and is not this server. A member's word about itself (a master of term N) outweighs what replicas
 * say of term N; two masters claimed for the same term are followed by nobody.
 *
 * @param follow the master to follow, when there is one
 * @param why    a line on why there is none (no answer, no higher term, members disagree), for the log
 */
record DiscoveryVerdict(Optional<Found> follow, String why) {

    /** Names are what a membership holds: 1 to 128 printable ASCII characters. */
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final int MAX_CLUSTER_ID_CHARS = 64;
    private static final String DISAGREE = "members disagree";

    /**
     * The master a starting server follows.
     *
     * @param master    its name, a member of the membership
     * @param url       its URL, as the membership gives it (never as a member's answer says)
     * @param term      the term it holds
     * @param claimedBy the members whose answers named it for that term, in name order
     */
    record Found(String master, String url, long term, List<String> claimedBy) {
        Found {
            claimedBy = List.copyOf(claimedBy);
        }

        MasterRecord record() {
            return new MasterRecord(master, url, term);
        }
    }

    /** One member's answer: the member asked (from the membership) and what it said. */
    record Answer(MemberInfo asked, MemberView view) {
    }

    /**
     * Judges the answers.
     *
     * @param self          the starting server's name
     * @param ownClusterId  its cluster id (empty when it has none yet: any member's is taken)
     * @param ownTerm       the highest term it holds or has seen (0 before any)
     * @param membership    every member it knows, itself included or not: the only names and URLs it trusts
     * @param answers       the answers that arrived in time
     */
    static DiscoveryVerdict judge(String self, String ownClusterId, long ownTerm, List<MemberInfo> membership,
                                  List<Answer> answers) {
        Map<String, String> urls = new LinkedHashMap<>();
        membership.forEach(m -> urls.putIfAbsent(m.getName(), m.getUrl()));
        List<Claim> claims = new ArrayList<>();
        for (Answer answer : answers) {
            claimOf(self, ownClusterId, urls, answer).ifPresent(claims::add);
        }
        if (claims.isEmpty()) {
            return none(answers.isEmpty() ? "no member answered" : "no member gave a usable answer");
        }
        long highest = claims.stream().mapToLong(Claim::term).max().orElse(0);
        if (highest <= ownTerm) {
            return none("no member holds a term above " + ownTerm + " (the highest: " + highest + ")");
        }
        List<Claim> atHighest = claims.stream().filter(c -> c.term() == highest).toList();
        List<Claim> ownWord = atHighest.stream().filter(Claim::aboutItself).toList();
        List<Claim> deciding = ownWord.isEmpty() ? atHighest : ownWord;
        TreeSet<String> masters = new TreeSet<>();
        deciding.forEach(c -> masters.add(c.master()));
        if (masters.size() > 1) {
            return none(DISAGREE + " on the master of term " + highest + ": " + describe(deciding, masters)
                    + "; following none");
        }
        String master = masters.first();
        TreeSet<String> claimedBy = new TreeSet<>();
        atHighest.stream().filter(c -> c.master().equals(master)).forEach(c -> claimedBy.add(c.member()));
        return new DiscoveryVerdict(Optional.of(new Found(master, urls.get(master), highest, List.copyOf(claimedBy))), "");
    }

    /** Whether members named two masters for the highest term: worth a warning, someone promoted twice. */
    boolean disagreement() {
        return why.startsWith(DISAGREE);
    }

    private static DiscoveryVerdict none(String why) {
        return new DiscoveryVerdict(Optional.empty(), why);
    }

    /** A usable answer: member {@code member} says {@code master} holds {@code term}. */
    private record Claim(String member, String master, long term) {
        boolean aboutItself() {
            return member.equals(master);
        }
    }

    private static Optional<Claim> claimOf(String self, String ownClusterId, Map<String, String> urls, Answer answer) {
        MemberView view = answer.view();
        String asked = answer.asked().getName();
        if (view == null || !urls.containsKey(asked) || !asked.equals(view.name())) {
            return Optional.empty(); // not the member asked: the peer proof should have refused it already
        }
        String clusterId = view.clusterId() == null ? "" : view.clusterId();
        if (clusterId.length() > MAX_CLUSTER_ID_CHARS
                || !ownClusterId.isEmpty() && !clusterId.isEmpty() && !ownClusterId.equals(clusterId)) {
            return Optional.empty();
        }
        String master;
        if ("master".equals(view.role())) {
            master = view.name();
        } else if ("replica".equals(view.role())) {
            master = view.masterName() == null ? "" : view.masterName();
        } else {
            return Optional.empty();
        }
        if (view.term() < ClusterTerm.FIRST || !NAME.matcher(master).matches() || !urls.containsKey(master)
                || master.equals(self)) {
            return Optional.empty();
        }
        return Optional.of(new Claim(asked, master, view.term()));
    }

    private static String describe(List<Claim> claims, TreeSet<String> masters) {
        List<String> parts = new ArrayList<>();
        for (String master : masters) {
            TreeSet<String> by = new TreeSet<>();
            claims.stream().filter(c -> c.master().equals(master)).forEach(c -> by.add(c.member()));
            parts.add("'" + SafeText.of(master) + "' (by " + String.join(", ", by) + ")");
        }
        return String.join(" and ", parts);
    }
}
