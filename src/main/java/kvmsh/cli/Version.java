package kvmsh.cli;

import picocli.CommandLine;

/** Version from the jar manifest or the Maven build. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"kvmsh " + (v == null ? "0.1.0" : v), "Groovy " + groovy.lang.GroovySystem.getVersion(),
                "Java " + System.getProperty("java.version")};
    }
}
