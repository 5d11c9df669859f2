package org.fedledger.cli;

import picocli.CommandLine;

/** Reports FedLedger's version (from the jar manifest when packaged, else "dev"). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Fl.class.getPackage().getImplementationVersion();
        return new String[] {"fl " + (version == null ? "dev" : version) + ", Java " + Runtime.version()};
    }
}
