package org.fedledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The literal CIDs below were computed offline by js-ipfs' own importer
 * (ipfs-unixfs-importer 12.0.1, as in ipfs 0.66.1) with cidVersion 1, rawLeaves, fixed
 * 262144-byte chunks, balanced layout, 174 links, for content byte {@code i = i % 251}.
 */
class CidCalculatorTest {
    private static final int CHUNK = 262_144;

    static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void emptyFileIsOneEmptyRawLeaf() throws IOException {
        String expected = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
        assertThat(CidCalculator.of(new byte[0])).hasToString(expected);
        assertThat(CidCalculator.of(InputStream.nullInputStream())).hasToString(expected);
    }

    @Test
    void singleChunkFileIsARawLeafOfItsSha256() throws Exception {
        byte[] bytes = "hello fedledger!\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(CidCalculator.of(bytes)).isEqualTo(Cid.of(Cid.RAW, sha256(bytes)));
    }

    @Test
    void exactlyOneChunkIsStillARawLeaf() throws Exception {
        byte[] bytes = content(CHUNK);
        Cid cid = CidCalculator.of(bytes);
        assertThat(cid.codec()).isEqualTo(Cid.RAW);
        assertThat(cid).isEqualTo(Cid.of(Cid.RAW, sha256(bytes)));
    }

    @Test
    void oneByteMoreThanAChunkMakesADagPbRoot() {
        Cid cid = CidCalculator.of(content(CHUNK + 1));
        assertThat(cid.codec()).isEqualTo(Cid.DAG_PB);
        assertThat(cid.toString()).startsWith("bafybei");
    }

    @Test
    void twoChunkRootIsTheCanonicalDagPbFileNode() throws Exception {
        byte[] bytes = content(CHUNK + 1);
        byte[] leaf1 = Cid.of(Cid.RAW, sha256(Arrays.copyOfRange(bytes, 0, CHUNK))).bytes();
        byte[] leaf2 = Cid.of(Cid.RAW, sha256(Arrays.copyOfRange(bytes, CHUNK, CHUNK + 1))).bytes();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        // PBLink 1: Hash = leaf1 (36 bytes), Name = "", Tsize = 262144 (varint 80 80 10)
        block.writeBytes(new byte[] {0x12, 44, 0x0a, 36});
        block.writeBytes(leaf1);
        block.writeBytes(new byte[] {0x12, 0, 0x18, (byte) 0x80, (byte) 0x80, 0x10});
        // PBLink 2: Hash = leaf2, Name = "", Tsize = 1
        block.writeBytes(new byte[] {0x12, 42, 0x0a, 36});
        block.writeBytes(leaf2);
        block.writeBytes(new byte[] {0x12, 0, 0x18, 1});
        // Data: UnixFS Type = File, filesize = 262145, blocksizes = 262144, 1
        block.writeBytes(new byte[] {0x0a, 12, 0x08, 2, 0x18, (byte) 0x81, (byte) 0x80, 0x10,
            0x20, (byte) 0x80, (byte) 0x80, 0x10, 0x20, 1});

        assertThat(CidCalculator.of(bytes)).isEqualTo(Cid.of(Cid.DAG_PB, sha256(block.toByteArray())));
    }

    @ParameterizedTest
    @CsvSource({
        "0,        bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
        "1,        bafkreidogqfzz75tpkmjzjke425xqcrmpcib2p5tg44hnbirumdbpl5adu",
        "17,       bafkreib6k4mp5ji2r47vxlfgdr327k2hhqmbb6fz3mzqe45uaeoosldypy",
        "262144,   bafkreibruh455iawsviqslif5c7uurdcfdemh22mtnytyzvnzn75kpejxy",
        "262145,   bafybeiexg2oqkfnj56l7fcmawswqbijt5shq4b5rg6a546uwpkqqzwjioi",
        "524288,   bafybeihjlsmgtdumwxouubhh32wpo5k73zuptoz5bcxxcx3tflxmhyct2a",
        "45613056, bafybeihpe5snhzneq7xs53nivmsopto5lrogo3wjynauqylqeym5a3irbm",
        "45613057, bafybeib4y7ghw2rq7bracc4xwtxrbzo7cfvagdpte2tmrkgwl6dyard3cm",
        "47185920, bafybeic3emv2arnxcd3uaaysb732uhooheweuhttvsc2v5ut36jhoric3u",
    })
    void matchesTheJsIpfsImporter(int size, String expected) throws IOException {
        byte[] bytes = content(size);
        assertThat(CidCalculator.of(bytes)).hasToString(expected);
        assertThat(CidCalculator.of(new Trickle(bytes))).hasToString(expected);
    }

    /** Tiny chunks and fan-out give trees of three and four layers, as only multi-GB files would. */
    @ParameterizedTest
    @CsvSource({
        "1, bafkreidogqfzz75tpkmjzjke425xqcrmpcib2p5tg44hnbirumdbpl5adu, 1",
        "4, bafkreiafj3pmdubbd5re73imxsu5j6kabmheshcdoqvpfrnqvpv7bsmq3a, 4",
        "5, bafybeidoaxjtfzmllhcway5ubogf3onacj5hcjxkps6ltqkicxj5degtta, 103",
        "8, bafybeidi3txkchykjupk3j4wfbwbzgj3skzhk2ey6hbmkgviaj7vrx4p64, 106",
        "12, bafybeiescpchc5ia7pu7ztozfeiu6k4yith5dbt3r43xshnyudv7krmtae, 156",
        "13, bafybeigioqx7mhmr5omwrkizhlha6jprh2gzlqmazplk4cj2ezmbx6lhei, 308",
        "16, bafybeiby5xwzw4iomlot4omvbn76t7i3tirnrk2lzdys6b6sbf52svbyk4, 311",
        "36, bafybeiazbw7qde46yxbdyyv4rzu3cbrk2cf7f3h7vtbpbzhooueqfws6ti, 615",
        "37, bafybeidiwnloirt3sptf4j5vz6iif5pod6yee4z23t57sftychzrp2n4ge, 819",
        "40, bafybeihetbzrlrafem3soqmvfd4konslub4z3fs7pbfuqcg3iyxken6yd4, 822",
        "108, bafybeifkinfsm2fujjoekag7yheqoh2modzg4md4d3wlotmykqz3giqbay, 1992",
        "109, bafybeihqjgih5vr3po3xckv2yf67fsl7qf6mgclby5ik7to5zm6knpzbli, 2249",
        "112, bafybeigmp35lgknudqqmztf3wpy42lbugsquyf2ugfv4xu2q6jhqtccu3a, 2252",
        "150, bafybeiaezxteb2zk6anc6rbifotnvxl3pm7vcssm6py6c5ipcaja6woe4e, 2964",
        "324, bafybeih3g3y354f7lujjnhuertghwsn3a325pcpgsrhpmiyy4cc222hcd4, 6124",
        "325, bafybeiea6zonyssmc3ljjmeoytmr5w2lfnbn3zqyhgc7httkybm4mdcgzi, 6436",
    })
    void deepTreesMatchTheJsIpfsImporter(int size, String expected, long tsize) throws IOException {
        BalancedFileDag.Link root = CidCalculator.of(new Trickle(content(size)), 4, 3);
        assertThat(root.cid()).hasToString(expected);
        assertThat(root.tsize()).isEqualTo(tsize);
        assertThat(root.fileSize()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 17, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 5,
        174 * CHUNK, 174 * CHUNK + 1})
    void streamingGivesTheSameCidAsTheByteArray(int size) throws IOException {
        byte[] bytes = content(size);
        assertThat(CidCalculator.of(new Trickle(bytes))).isEqualTo(CidCalculator.of(bytes));
        assertThat(CidCalculator.of(new ByteArrayInputStream(bytes))).isEqualTo(CidCalculator.of(bytes));
    }

    @Test
    void streamingLeavesTheStreamOpenAndReadsItToTheEnd() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(content(CHUNK + 10));
        CidCalculator.of(in);
        assertThat(in.available()).isZero();
        assertThat(in.read()).isEqualTo(-1);
    }

    /** Hands out at most 1000 bytes per read, as a socket would. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int position;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1000), bytes.length - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
