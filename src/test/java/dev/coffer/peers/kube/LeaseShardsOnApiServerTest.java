package dev.coffer.peers.kube;

import dev.coffer.shard.LeaseShardsTest;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.util.UUID;

/**
 * The Lease membership scenarios against the real kube-apiserver: the server validates the Lease
 * (MicroTime renew times, label selection of the members, delete on release), each test in a
 * namespace of its own.
 */
@Tag("peers")
class LeaseShardsOnApiServerTest extends LeaseShardsTest {

    @Override
    @BeforeEach
    protected void start() {
        KubeApiServerPeer peer = KubeApiServerPeer.shared();
        ns = "shards-" + UUID.randomUUID().toString().substring(0, 8);
        peer.ensureNamespace(ns);
        client = peer.admin();
    }

    @Override
    @AfterEach
    protected void stop() {
        // the shared API server stays up for the other tests; the namespace is this test's own
    }
}
