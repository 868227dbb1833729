package kvmsh.cli

import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

/**
 * What a qemu hook call loads, seen in a real JVM's class-loading log: the point of the
 * {@link Launcher} and of the hook cache is that qemu's wait on every VM start does not include
 * picocli, libvirt or the Groovy compiler.
 */
class LauncherSpec extends Specification {

    @TempDir
    Path dir

    String hookFile = Path.of(System.getProperty('kvmsh.projectDir', '.'), 'dsl-examples', 'hooks', 'nat.kvm')
            .toAbsolutePath().toString()

    /** {@code kvmsh hook --down nat.kvm TAP} for a network that is not up: nothing to do on the host. */
    Map hookDown() {
        def cmd = ['java', '-Xshare:off', '-Xlog:class+load=info:stdout', '-cp', System.getProperty('java.class.path'),
                   Launcher.name, 'hook', '--down', hookFile, 'kvtap-none']
        def pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        pb.environment().putAll(KVMSH_CACHE_DIR: dir.resolve('cache').toString(), KVMSH_RUN_DIR: dir.resolve('run').toString())
        def p = pb.start()
        String out = p.inputStream.text
        [code: p.waitFor(), classes: out.readLines().findAll { it.contains('[class,load]') }.collect { it.split(' ')[1] }]
    }

    def 'a hook call loads no picocli and no libvirt, and no Groovy compiler once its file is cached'() {
        when:
        def first = hookDown()
        def second = hookDown()

        then: 'the first call compiles the file'
        first.code == 0
        first.classes.contains('kvmsh.hook.HookMain')
        first.classes.any { it.startsWith('org.codehaus.groovy.control.') }

        and: 'the second takes its declarations from the cache'
        second.code == 0
        second.classes.contains('kvmsh.hook.HookMain')
        !second.classes.any { it.startsWith('org.codehaus.groovy.') || it.startsWith('groovy.lang.') }

        and: 'neither touches the command line or libvirt'
        ![first, second].any { r -> r.classes.any { it.startsWith('picocli.') || it.startsWith('org.libvirt.') } }
    }

    def 'the command table names each command as its @Command does, in the order help lists them'() {
        expect:
        Main.COMMANDS.collect { name, cls -> cls.getAnnotation(picocli.CommandLine.Command).name() } == Main.COMMANDS.keySet() as List
        Main.commandLine().subcommands.keySet() as List == Main.COMMANDS.keySet() as List
    }

    def 'only the command the arguments name is built: #args'() {
        expect:
        Main.subcommand(args as String[]) == expected

        where:
        args                                      || expected
        ['run', 'x.kvm']                          || RunCommand
        ['-c', 'sandbox', 'plan', 'x.kvm']        || PlanCommand
        ['--connect', 'run', 'down', 'x.kvm']     || DownCommand
        ['--stacktrace', 'sandbox', 'up']         || SandboxCommand
        ['-c', 'test:///default']                 || null
        ['completion']                            || null
        ['--help']                                || null
        ['rnu', 'x.kvm']                          || null
    }

    def 'a command built alone parses and helps as within the whole tree'() {
        given:
        def alone = Main.commandLine(RunCommand)
        def whole = Main.commandLine()

        expect:
        alone.subcommands.keySet() == ['run'] as Set
        alone.subcommands.run.usageMessage == whole.subcommands.run.usageMessage
    }
}
