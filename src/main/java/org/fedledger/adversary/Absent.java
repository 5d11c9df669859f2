package org.fedledger.adversary;


/** The no-show: joins (stakes) and then never commits, hoping to keep its stake and share rewards for nothing. */
public final class Absent extends Deviation {
    @Override
    public boolean commits(long round) {
        return false;
    }

    @Override
    public String toString() {
        return "Absent";
    }
}
