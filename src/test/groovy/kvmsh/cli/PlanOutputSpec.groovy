package kvmsh.cli

import com.networknt.schema.InputFormat
import com.networknt.schema.SchemaRegistry
import com.networknt.schema.SpecificationVersion
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared

/**
 * The plan as people and programs read it, on libvirt's test driver: changed settings as
 * old → new, counts, colour only when asked for or on a terminal, {@code --json} documents that
 * validate against docs/plan.schema.json, and {@code --detailed-exitcode}.
 */
class PlanOutputSpec extends TestDriverFixture {

    @Shared
    def schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(Path.of(System.getProperty('kvmsh.projectDir', '.'), 'docs', 'plan.schema.json')))

    String before() {
        script('lab.kvm', """\
            network 'pl-lab' { nat '10.31.0.0/24'; dhcp '10.31.0.10'..'10.31.0.100' }
            vm 'pl-db' { memory 256; cpus 1; nic network: 'pl-lab' }
            """.stripIndent()).toString()
    }

    String after() {
        script('lab.kvm', """\
            network 'pl-lab' { nat '10.31.0.0/24'; dhcp '10.31.0.10'..'10.31.0.200' }
            vm 'pl-db' { memory 512; cpus 2; nic network: 'pl-lab' }
            vm 'pl-web' { memory 128 }
            info 'pl-db'
            """.stripIndent()).toString()
    }

    /** The schema's complaints about {@code json} (empty: valid). */
    List<String> invalid(String json) {
        schema.validate(json, InputFormat.JSON).collect { it.toString() }
    }

    def 'a changed VM and network show each changed setting as old → new, and the summary counts them'() {
        given:
        assert kvmsh('run', before()).code == 0

        when:
        def r = kvmsh('plan', after())

        then:
        r.code == 0
        r.out.contains('  ~ redefine vm pl-db')
        r.out.contains('      memory: 256 MiB → 512 MiB\n')
        r.out.contains('      cpus: 1 → 2\n')
        !r.out.contains('nics:')
        r.out.contains('  ~ update network pl-lab DHCP in place (range 10.31.0.10..10.31.0.100 → 10.31.0.10..10.31.0.200)\n')
        !r.out.contains('dhcp:')
        r.out.contains('  + define vm pl-web')
        r.out.readLines().last() ==~ /\d+ to add, 2 to change, 0 to destroy, 1 statement\./

        and: 'piped output has no colour'
        !r.out.contains('\033[')

        cleanup:
        kvmsh('down', '--yes', after())
    }

    def 'a network moved to another subnet shows the old subnet beside the new one'() {
        given:
        assert kvmsh('run', before()).code == 0
        String moved = script('lab.kvm', new File(before()).text.replace('10.31.0.', '10.32.0.')).toString()

        when:
        def r = kvmsh('plan', moved)

        then:
        r.code == 0
        r.out.contains('  ~ redefine network pl-lab (nat 10.32.0.0/24')
        r.out.contains('      subnet: 10.31.0.0/24 → 10.32.0.0/24\n')

        cleanup:
        kvmsh('down', '--yes', moved)
    }

    def 'colour marks adds green and changes yellow with --color always, and never with --color never'() {
        given:
        assert kvmsh('run', before()).code == 0

        when:
        def coloured = kvmsh('plan', '--color', 'always', after())
        def plain = kvmsh('plan', '--color=never', after())

        then:
        coloured.out.contains('\033[32m+ define vm pl-web')
        coloured.out.contains('\033[33m~ redefine vm pl-db')
        !plain.out.contains('\033[')

        cleanup:
        kvmsh('down', '--yes', after())
    }

    def 'NO_COLOR and a dumb or missing terminal turn colour off; always wins'() {
        expect:
        PlanOutput.colour(PlanOutput.When.auto, env, tty) == expected

        where:
        env                 | tty   || expected
        [:]                 | true  || true
        [NO_COLOR: '1']     | true  || false
        [NO_COLOR: '']      | true  || true
        [TERM: 'dumb']      | true  || false
        [:]                 | false || false
    }

    def 'plan --json validates against the schema and carries fields before and after'() {
        given:
        assert kvmsh('run', before()).code == 0

        when:
        def r = kvmsh('plan', '--json', after())
        def doc = new JsonSlurper().parseText(r.out)

        then:
        r.code == 0
        invalid(r.out) == []
        doc.format == 'kvmsh-plan' && doc.version == 1 && doc.command == 'plan' && doc.host == URI
        def db = doc.steps.find { it.kind == 'vm' && it.name == 'pl-db' }
        db.action == 'redefine' && db.change == 'change' && !db.destructive
        db.fields.find { it.name == 'memory' } == [name: 'memory', before: '256 MiB', after: '512 MiB', changed: true]
        db.fields.find { it.name == 'nics' }.changed == false
        def web = doc.steps.find { it.name == 'pl-web' && it.action == 'define' }
        web.fields.every { it.before == null }
        def info = doc.steps.find { it.change == 'statement' }
        info.action == 'info' && info.location.line == 4 && info.location.column == 1
        doc.summary.change == 2 && doc.summary.statements == 1

        cleanup:
        kvmsh('down', '--yes', after())
    }

    def 'script errors under --json are problems with locations, valid against the schema'() {
        given:
        def f = script('bad.kvm', "vm 'pl-x' { memory 128 }\nvm 'pl-y' { memroy 64 }\n").toString()

        when:
        def r = kvmsh('plan', '--json', f)
        def doc = new JsonSlurper().parseText(r.out)

        then:
        r.code == ExitCodes.SCRIPT_ERRORS
        invalid(r.out) == []
        doc.steps == []
        doc.problems.size() >= 1
        doc.problems[0].location.line == 2
        doc.problems[0].text.startsWith(f + ':2:')
        r.err.contains('nothing was changed')
    }

    def 'run --json says what was applied, validates, and a second run is unchanged'() {
        when:
        def first = kvmsh('run', '--json', before())
        def doc = new JsonSlurper().parseText(first.out)

        then:
        first.code == 0
        invalid(first.out) == []
        doc.command == 'run'
        doc.result.status == 'applied'
        doc.result.done.any { it.startsWith('+ define vm pl-db') }
        doc.result.failed == null
        first.err.contains('+ define vm pl-db')

        when:
        def second = kvmsh('run', '--json', before())

        then:
        invalid(second.out) == []
        new JsonSlurper().parseText(second.out).result.status == 'unchanged'

        cleanup:
        kvmsh('down', '--yes', before())
    }

    def 'plan --detailed-exitcode: 2 for a changed script, 0 for an unchanged one, 1 for an error'() {
        given:
        assert kvmsh('run', before()).code == 0

        expect:
        kvmsh('plan', '--detailed-exitcode', after()).code == 2
        kvmsh('plan', '--detailed-exitcode', before()).code == 0
        kvmsh('plan', '--detailed-exitcode', script('bad.kvm', "vm 'pl-z' { memroy 1 }\n").toString()).code == 1
        kvmsh('plan', after()).code == 0

        cleanup:
        kvmsh('down', '--yes', after())
    }

    def 'the README\'s example of plan --json validates against the schema it documents'() {
        given:
        String readme = Files.readString(Path.of(projectDir, 'README.md'))
        String example = (readme =~ /(?s)The plan above as JSON[^`]*```json\n(.*?)```/)[0][1]

        expect:
        invalid(example) == []
        new JsonSlurper().parseText(example).steps[0].fields[0] == [name: 'memory', before: '256 MiB', after: '512 MiB', changed: true]
    }
}
