package kvmsh.libvirt

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.host.CommandResult
import kvmsh.host.ProcessRunner
import org.xmlunit.builder.DiffBuilder
import org.xmlunit.builder.Input
import org.xmlunit.diff.Diff

/** Golden-file and schema checks shared by the libvirt specs. */
class XmlChecks {

    static String golden(String name) {
        XmlChecks.getResourceAsStream("/golden/$name").withCloseable { it == null ? null : it.getText('UTF-8') }
                .tap { assert it != null, "missing golden file src/test/resources/golden/$name" }
    }

    /** Semantic comparison: whitespace, attribute order and namespace prefixes do not matter. */
    static Diff diff(String expected, String actual) {
        DiffBuilder.compare(Input.fromString(expected)).withTest(Input.fromString(actual))
                .ignoreWhitespace().ignoreComments().checkForSimilar().build()
    }

    /** Runs libvirt's own schema check; {@code type} is network, domain, storagevol … */
    static CommandResult validate(String xml, String type) {
        Path file = Files.createTempFile('kvmsh-', "-${type}.xml")
        try {
            Files.writeString(file, xml)
            new ProcessRunner().run('virt-xml-validate', file.toString(), type)
        } finally {
            Files.deleteIfExists(file)
        }
    }
}
