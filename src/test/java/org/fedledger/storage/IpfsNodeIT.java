package org.fedledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java client and CID calculator against a real IPFS node. */
@LocalServices
class IpfsNodeIT {
    private static final int CHUNK = 262_144;

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                bytes[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 17, CHUNK, CHUNK + 1, 3 * 1024 * 1024 + 5, 174 * CHUNK, 174 * CHUNK + 1})
    void nodeAssignsTheCidJavaComputesAndReturnsTheSameBytes(int size, TestIpfs ipfs) throws Exception {
        IpfsRpcClient client = new IpfsRpcClient(ipfs.apiUrl());
        byte[] content = randomBytes(size, size);

        Cid cid = client.add(content); // add itself checks the node's CID against CidCalculator

        assertThat(cid).isEqualTo(CidCalculator.of(content));
        assertThat(cid.codec()).isEqualTo(size <= CHUNK ? Cid.RAW : Cid.DAG_PB);
        assertThat(client.cat(cid)).isEqualTo(content);
        client.pin(cid);
    }

    @Test
    void multiChunkFileRoundTripsThroughTheNode(TestIpfs ipfs) throws Exception {
        IpfsRpcClient client = new IpfsRpcClient(ipfs.apiUrl());
        byte[] content = randomBytes(5 * 1024 * 1024 + 123, 42);

        Cid cid = client.add(content);

        assertThat(cid.toString()).startsWith("bafybei");
        assertThat(client.cat(cid)).isEqualTo(content);
    }

    @Test
    void contentTamperedInsideTheNodeIsRejectedNotReturned(TestIpfs ipfs) throws Exception {
        IpfsRpcClient client = new IpfsRpcClient(ipfs.apiUrl());
        byte[] content = randomBytes(2 * CHUNK + 1000, 7);
        Cid cid = client.add(content);
        byte[] secondChunk = java.util.Arrays.copyOfRange(content, CHUNK, 2 * CHUNK);

        ipfs.corruptBlock(CidCalculator.of(secondChunk));

        assertThatThrownBy(() -> client.cat(cid))
                .isInstanceOf(ContentVerificationException.class)
                .hasMessageContaining(cid.toString());
    }

    @Test
    void nodeReportsItsVersion(TestIpfs ipfs) throws Exception {
        assertThat(new IpfsRpcClient(ipfs.apiUrl()).version()).isNotBlank();
    }
}
