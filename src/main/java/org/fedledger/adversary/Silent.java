package org.fedledger.adversary;


/**
 * Commits and never reveals: it sees the others' updates before deciding whether to reveal (or
 * stalls the reveal phase until its deadline). The commitment is the evidence against it.
 */
public final class Silent extends Deviation {
    @Override
    public boolean reveals(long round) {
        return false;
    }

    @Override
    public String toString() {
        return "Silent";
    }
}
