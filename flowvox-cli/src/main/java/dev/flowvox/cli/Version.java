// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"flowvox " + (version == null ? "(development build)" : version)};
    }
}
