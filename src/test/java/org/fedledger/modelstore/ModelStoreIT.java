package org.fedledger.modelstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStoreException.Kind;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestIpfs;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;

/** Specs and a 100k-parameter weight file (two IPFS blocks and a root) on a real IPFS node. */
@LocalServices
class ModelStoreIT {
    private static final int CHUNK = 262_144;

    @Test
    void specAndWeightsRoundTripThroughARealNode(TestIpfs ipfs) throws Exception {
        ModelStore store = new ModelStore(new IpfsRpcClient(ipfs.apiUrl()));
        ModelSpec spec = ModelSpecs.get("mlp");
        WeightFile weights = new WeightFile(spec.digest(), spec.initialWeights());

        Cid specCid = store.putSpec(spec);
        Cid weightsCid = store.putWeights(weights);

        assertThat(store.getSpec(specCid).bytes()).isEqualTo(spec.bytes());
        assertThat(store.getWeights(weightsCid, store.getSpec(specCid))).isEqualTo(weights);
        assertThat(weightsCid).isEqualTo(CidCalculator.of(weights.encode()));
        assertThat(weightsCid.codec()).isEqualTo(Cid.DAG_PB);
        store.pin(weightsCid);
    }

    @Test
    void weightFileCorruptedInsideTheNodeIsACidMismatch(TestIpfs ipfs) throws Exception {
        ModelStore store = new ModelStore(new IpfsRpcClient(ipfs.apiUrl()));
        ModelSpec spec = ModelSpecs.get("mlp");
        float[] values = spec.initialWeights();
        values[0] = 0.5f; // content of its own, so no other test reads the blocks this one corrupts
        WeightFile weights = new WeightFile(spec.digest(), values);
        Cid cid = store.putWeights(weights);
        byte[] file = weights.encode();

        ipfs.corruptBlock(CidCalculator.of(Arrays.copyOfRange(file, CHUNK, file.length)));
        ModelStoreException e = catchThrowableOfType(ModelStoreException.class, () -> store.getWeights(cid, spec));

        assertThat(e.kind()).isEqualTo(Kind.CID_MISMATCH);
        assertThat(e).hasMessageContaining(cid.toString());
    }
}
