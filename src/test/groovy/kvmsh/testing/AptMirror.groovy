package kvmsh.testing

import java.nio.file.Files
import java.nio.file.Path

import groovy.transform.CompileStatic

/**
 * The Debian mirror this machine's apt is configured with, for building test images from the same
 * place apt-get installs from (and nowhere else).
 */
@CompileStatic
final class AptMirror {

    private AptMirror() {
    }

    /**
     * The first URI of a {@code deb} source for {@code suite}: from the deb822 files in
     * {@code /etc/apt/sources.list.d/*.sources}, then the one-line ones in {@code sources.list}
     * and {@code sources.list.d/*.list}.
     */
    static String forSuite(String suite, Path etcApt = Path.of('/etc/apt')) {
        List<Path> deb822 = []
        List<Path> oneLine = [etcApt.resolve('sources.list')]
        Path dir = etcApt.resolve('sources.list.d')
        if (Files.isDirectory(dir)) {
            Files.list(dir).withCloseable { s -> s.sorted().each { Path p ->
                String n = p.fileName.toString()
                if (n.endsWith('.sources')) {
                    deb822 << p
                } else if (n.endsWith('.list')) {
                    oneLine << p
                }
            } }
        }
        for (Path p : deb822) {
            String uri = fromDeb822(Files.readString(p), suite)
            if (uri) {
                return uri
            }
        }
        for (Path p : oneLine) {
            if (Files.isRegularFile(p)) {
                String uri = fromOneLine(Files.readString(p), suite)
                if (uri) {
                    return uri
                }
            }
        }
        throw new IllegalStateException("no apt source for Debian ${suite} in ${etcApt} (sources.list or sources.list.d):"
                + ' the test image is built from the mirror apt-get installs from — add one')
    }

    /** The first URI of a stanza with {@code Types: deb} and {@code suite} among its Suites; null when none. */
    static String fromDeb822(String text, String suite) {
        for (String stanza : text.split(/\n\s*\n/)) {
            Map<String, String> fields = [:]
            stanza.readLines().findAll { String l -> !l.startsWith('#') && l.contains(':') && !Character.isWhitespace(l.charAt(0)) }
                    .each { String l -> int i = l.indexOf(':'); fields[l.substring(0, i).strip().toLowerCase()] = l.substring(i + 1).strip() }
            if (fields.enabled == 'no') {
                continue
            }
            if (words(fields.types).contains('deb') && words(fields.suites).contains(suite) && words(fields.uris)) {
                return words(fields.uris)[0]
            }
        }
        null
    }

    /** The URI of the first {@code deb [options] URI suite …} line; null when none. */
    static String fromOneLine(String text, String suite) {
        for (String line : text.readLines()) {
            List<String> w = words(line.replaceAll(/\[[^\]]*\]/, ' ').replaceAll(/#.*/, ''))
            if (w.size() >= 3 && w[0] == 'deb' && w[2] == suite) {
                return w[1]
            }
        }
        null
    }

    private static List<String> words(String s) {
        s == null ? [] : s.split(/\s+/).findAll { String x -> !x.isEmpty() }
    }
}
