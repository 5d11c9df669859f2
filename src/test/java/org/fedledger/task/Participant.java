package org.fedledger.task;

import org.fedledger.chain.TaskClient;
import org.web3j.crypto.Credentials;

/**
 * Dev account {@code index} acting on one task.
 *
 * @param index dev account index (1..19)
 * @param credentials its keys
 * @param client its handle on the task
 */
record Participant(int index, Credentials credentials, TaskClient client) {
    String address() {
        return credentials.getAddress();
    }

    @Override
    public String toString() {
        return "account " + index;
    }
}
