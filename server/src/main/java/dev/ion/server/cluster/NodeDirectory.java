package dev.ion.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who is in the cluster, by node tag: each node takes a short random tag at start (the
 * prefix of every run id it gives, so that any node knows where a run lives without asking
 * around) and publishes tag → Vert.x node id in a replicated map, read locally. A tag stays in
 * the map when its node leaves, so a run of a lost node is told apart from a run that never
 * was; its free-slot count goes. Membership comes from Hazelcast's own listener: no
 * heartbeats of ours.
 */
final class NodeDirectory implements MembershipListener {
    /** The Hazelcast member attribute holding the Vert.x node id (set by vertx-hazelcast). */
    static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
    static final int TAG_LENGTH = 6;
    private static final char[] TAG_CHARS = "0123456789abcdefghijkmnpqrstuvwxyz".toCharArray();

    private final HazelcastInstance hazelcast;
    private final String nodeId;
    private final ReplicatedMap<String, String> tags;
    private final Set<String> alive = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private final ReplicatedMap<String, Integer> freeSlots;
    private String tag;

    NodeDirectory(HazelcastInstance hazelcast, String nodeId) {
        this.hazelcast = hazelcast;
        this.nodeId = nodeId;
        this.tags = hazelcast.getReplicatedMap("ion.nodeTags");
        this.freeSlots = hazelcast.getReplicatedMap("ion.freeSlots");
    }

    /** Joins the directory (blocking: call off the event loop) and returns this node's tag. */
    String join() {
        hazelcast.getCluster().addMembershipListener(this);
        for (Member m : hazelcast.getCluster().getMembers()) {
            String id = m.getAttribute(NODE_ID_ATTRIBUTE);
            if (id != null) alive.add(id);
        }
        SecureRandom random = new SecureRandom();
        String t;
        do {
            char[] c = new char[TAG_LENGTH];
            for (int i = 0; i < c.length; i++) c[i] = TAG_CHARS[random.nextInt(TAG_CHARS.length)];
            t = new String(c);
        } while (tags.containsKey(t));
        tags.put(t, nodeId);
        tag = t;
        return t;
    }

    String tag() {
        return tag;
    }

    String nodeId() {
        return nodeId;
    }

    /** The Vert.x node id behind {@code tag}, or null if no node ever had it (as far as this node has heard). */
    String nodeOf(String tag) {
        return tags.get(tag);
    }

    /** Publishes how many runs this node could start now (read by full nodes placing runs). */
    void publishFreeSlots(int free) {
        if (tag != null && hazelcast.getLifecycleService().isRunning()) freeSlots.put(tag, free);
    }

    /** The live member other than this one with the most free slots, or null when none has any. */
    String roomiest() {
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : freeSlots.entrySet()) {
            if (e.getKey().equals(tag) || e.getValue() <= most) continue;
            String id = tags.get(e.getKey());
            if (id == null || !alive.contains(id)) continue;
            best = e.getKey();
            most = e.getValue();
        }
        return best;
    }

    /** The tags of the live members other than this one that have published one. */
    List<String> otherLiveTags() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!e.getKey().equals(tag) && alive.contains(e.getValue())) out.add(e.getKey());
        }
        return out;
    }

    /** The tag of the node {@code nodeId}, or null. */
    String tagOf(String nodeId) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getValue().equals(nodeId)) return e.getKey();
        }
        return null;
    }

    /** True when {@code tag} belonged to a node that has left the cluster. */
    boolean lost(String tag) {
        String id = tags.get(tag);
        return id != null && !alive.contains(id);
    }

    int members() {
        return hazelcast.getLifecycleService().isRunning() ? hazelcast.getCluster().getMembers().size() : 0;
    }

    /**
     * {@code listener} gets the Vert.x node id of each member that leaves (on a Hazelcast event
     * thread, in the order the listeners were added).
     */
    void onLost(Consumer<String> listener) {
        lostListeners.add(listener);
    }

    void removeOnLost(Consumer<String> listener) {
        lostListeners.remove(listener);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        String id = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        if (id != null) alive.add(id);
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        String id = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        if (id == null) return;
        String lostTag = tagOf(id);
        if (lostTag != null) freeSlots.remove(lostTag);
        alive.remove(id);
        for (Consumer<String> l : lostListeners) l.accept(id);
    }
}
