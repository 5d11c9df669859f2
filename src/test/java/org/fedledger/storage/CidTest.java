package org.fedledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CidTest {
    private static final String EMPTY_RAW = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String DAG_PB = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

    @Test
    void textRoundTripsThroughParse() {
        assertThat(Cid.parse(EMPTY_RAW).toString()).isEqualTo(EMPTY_RAW);
        assertThat(Cid.parse(DAG_PB).toString()).isEqualTo(DAG_PB);
    }

    @Test
    void parsedCidExposesCodecAndSha256Digest() throws Exception {
        Cid raw = Cid.parse(EMPTY_RAW);
        assertThat(raw.codec()).isEqualTo(Cid.RAW);
        assertThat(raw.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        assertThat(Cid.parse(DAG_PB).codec()).isEqualTo(Cid.DAG_PB);
    }

    @Test
    void bytesAreVersionCodecMultihashAndDigest() {
        Cid cid = Cid.parse(EMPTY_RAW);
        assertThat(HexFormat.of().formatHex(cid.bytes())).isEqualTo(
                "01551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void ofBuildsTheSameCidAsParse() {
        Cid parsed = Cid.parse(EMPTY_RAW);
        Cid built = Cid.of(Cid.RAW, parsed.digest());
        assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(built).isNotEqualTo(Cid.of(Cid.DAG_PB, parsed.digest()));
    }

    @Test
    void accessorsReturnDefensiveCopies() {
        Cid cid = Cid.parse(EMPTY_RAW);
        cid.bytes()[5] ^= 1;
        cid.digest()[0] ^= 1;
        assertThat(cid.toString()).isEqualTo(EMPTY_RAW);
    }

    @Test
    void ofRejectsADigestThatIsNot32Bytes() {
        assertThatThrownBy(() -> Cid.of(Cid.RAW, new byte[20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void parseRejectsCidV0() {
        assertThatThrownBy(() -> Cid.parse("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a CIDv1 in base32: QmbWqx")
                .hasMessageContaining("CIDv0");
    }

    @Test
    void parseRejectsOtherMultibasePrefixes() {
        assertThatThrownBy(() -> Cid.parse("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA"))
                .hasMessageStartingWith("not a CIDv1 in base32: zb2rhe")
                .hasMessageContaining("prefix 'b'");
        assertThatThrownBy(() -> Cid.parse(EMPTY_RAW.toUpperCase()))
                .hasMessageStartingWith("not a CIDv1 in base32: ");
        assertThatThrownBy(() -> Cid.parse(""))
                .hasMessageStartingWith("not a CIDv1 in base32: ");
    }

    @Test
    void parseRejectsGarbage() {
        assertThatThrownBy(() -> Cid.parse("bafy!!not-a-cid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a CIDv1 in base32: bafy!!not-a-cid");
        assertThatThrownBy(() -> Cid.parse("b" + "a".repeat(500)))
                .hasMessageStartingWith("not a CIDv1 in base32: ")
                .hasMessageContaining("...");
    }

    @Test
    void parseRejectsTruncatedAndOverlongCids() {
        assertThatThrownBy(() -> Cid.parse(EMPTY_RAW.substring(0, 40)))
                .hasMessageStartingWith("not a CIDv1 in base32: ");
        byte[] longer = java.util.Arrays.copyOf(Cid.parse(EMPTY_RAW).bytes(), 37);
        assertThatThrownBy(() -> Cid.parse("b" + Base32.encode(longer)))
                .hasMessageContaining("33 bytes");
    }

    @Test
    void parseRejectsMultihashesOtherThanSha256() {
        byte[] sha512 = new byte[4 + 64];
        sha512[0] = 1;
        sha512[1] = 0x55;
        sha512[2] = 0x13;
        sha512[3] = 0x40;
        assertThatThrownBy(() -> Cid.parse("b" + Base32.encode(sha512)))
                .hasMessageContaining("only sha2-256");
    }

    @Test
    void parseRejectsOtherCidVersions() {
        byte[] bytes = Cid.parse(EMPTY_RAW).bytes();
        bytes[0] = 2;
        assertThatThrownBy(() -> Cid.parse("b" + Base32.encode(bytes)))
                .hasMessageContaining("CID version 2");
    }
}
