package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Instant
import kvmsh.testing.Nobody
import spock.lang.Requires
import spock.lang.Specification

/** bin/kvmsh run by root never builds, and so never runs, sources another user could change. */
@Requires({ Nobody.available() })
class LauncherTrustSpec extends Specification {

    Path tree
    String projectDir = System.getProperty('kvmsh.projectDir', '.')

    def setup() {
        // A checkout of root's, made in a root-owned directory that only root can write.
        tree = Files.createTempDirectory('kvmsh-launcher')
        ['chmod', '755', tree.toString()].execute().waitFor()
        ['cp', '-a', "$projectDir/bin", "$projectDir/pom.xml", tree.toString()].execute().waitFor()
        Files.createDirectories(tree.resolve('target'))
        Files.createDirectories(tree.resolve('src/main/java/kvmsh/cli'))
        Files.writeString(tree.resolve('target/.kvmsh-built'), '')
        Files.setLastModifiedTime(tree.resolve('target/.kvmsh-built'), FileTime.from(Instant.now().minusSeconds(60)))
    }

    def cleanup() {
        tree?.toFile()?.deleteDir()
    }

    def 'a source file of another user makes root refuse to build, exit 3, before maven runs'() {
        given: "nobody's change to a source, newer than the build"
        Path planted = Files.writeString(tree.resolve('src/main/java/kvmsh/cli/Planted.java'), 'class Planted { }')
        ['chown', 'nobody', planted.toString()].execute().waitFor()

        when:
        def p = new ProcessBuilder(tree.resolve('bin/kvmsh').toString(), '--version').redirectErrorStream(true).start()
        String out = p.inputStream.text

        then:
        p.waitFor() == 3
        out.contains("kvmsh: refusing to build as root in $tree: $planted (uid 65534")
        !Files.exists(tree.resolve('target/build.log'))
    }
}
