package kvmsh.cli

import java.nio.file.Files

/**
 * {@code project 'name'}: a script's stable identity as an owner, against libvirt's test driver. A moved
 * script of the same project keeps its objects; copies with different projects collide; without a project
 * the path owns, as before.
 */
class ProjectSpec extends TestDriverFixture {

    static final String SITE = """project 'site'
network 'sitenet' { nat '10.77.0.0/24' }
vm 'siteweb' { memory 128; disk size: '64M', pool: 'default-pool'; nic network: 'sitenet' }
"""

    String ownerOf(String vm) {
        (keepAlive.domainLookupByName(vm).getXMLDesc(2) =~ /<kvmsh:owner [^>]*>/)[0]
    }

    def 'the project is recorded with the path, and a moved script of the same project owns, updates and removes its objects'() {
        given:
        def first = script('site.kvm', SITE)
        assert kvmsh('run', first.toString()).code == 0
        def uuid = keepAlive.domainLookupByName('siteweb').getUUIDString()

        expect:
        ownerOf('siteweb').contains("script=\"${first.toAbsolutePath()}\"")
        ownerOf('siteweb').contains('project="site"')
        keepAlive.networkLookupByName('sitenet').getXMLDesc(0).contains('project="site"')

        when: 'the script moves to another directory and another name'
        Files.createDirectories(dir.resolve('moved'))
        def moved = Files.move(first, dir.resolve('moved/renamed.kvm'))
        def plan = kvmsh('plan', moved.toString())

        then: 'no ownership error: the record follows the script, nothing is recreated'
        plan.code == 0
        !plan.err.contains('belongs to')
        plan.out.contains("~ record network sitenet as project 'site' (${moved.toAbsolutePath()})'s (was project 'site' (${first.toAbsolutePath()})")
        plan.out.contains("vm siteweb of project 'site' (${first.toAbsolutePath()}) is recorded as ${moved.toAbsolutePath()}'s now")
        !plan.out.contains('+ define')
        !plan.out.contains('delete volume')

        when:
        def run = kvmsh('run', moved.toString())

        then:
        run.code == 0
        ownerOf('siteweb').contains("script=\"${moved.toAbsolutePath()}\"")
        keepAlive.domainLookupByName('siteweb').getUUIDString() == uuid
        kvmsh('plan', moved.toString()).out.contains('No changes.')

        when: 'an edit applies as to any VM of the script'
        Files.writeString(moved, SITE.replace('memory 128', 'memory 256'))
        def edit = kvmsh('run', moved.toString())

        then:
        edit.code == 0
        edit.out.contains('~ redefine vm siteweb (256 MiB')

        when:
        def down = kvmsh('down', '--yes', moved.toString())

        then:
        down.code == 0
        !('siteweb' in domains())
        !('sitenet' in networks())
        !('siteweb-vda.qcow2' in volumes())
    }

    def "a copy with another project is refused at its statement, naming the owner's project, and its down leaves the objects alone"() {
        given:
        def first = script('site.kvm', SITE)
        def copy = script('copy.kvm', SITE.replace("project 'site'", "project 'other'"))
        assert kvmsh('run', first.toString()).code == 0
        def xml = keepAlive.domainLookupByName('siteweb').getXMLDesc(0)

        when:
        def r = kvmsh('run', copy.toString())

        then:
        r.code == 3
        r.err.contains("copy.kvm:2:1: network 'sitenet' on test:///default belongs to project 'site' (${first.toAbsolutePath()}), not to this script")
        r.err.contains("copy.kvm:3:1: vm 'siteweb' on test:///default belongs to project 'site' (${first.toAbsolutePath()}), not to this script")
        keepAlive.domainLookupByName('siteweb').getXMLDesc(0) == xml

        when:
        def down = kvmsh('down', '--yes', copy.toString())

        then:
        down.code == 0
        down.out.contains("vm siteweb belongs to project 'site' (${first.toAbsolutePath()}): left alone")
        'siteweb' in domains()
        'siteweb-vda.qcow2' in volumes()

        cleanup:
        kvmsh('down', '--yes', first.toString())
    }

    def 'without a project the path owns, as before: a copy is another owner, and a script that names its project later keeps its objects'() {
        given:
        def plain = SITE.replace("project 'site'\n", '')
        def first = script('plain.kvm', plain)
        def copy = script('plaincopy.kvm', plain)
        assert kvmsh('run', first.toString()).code == 0

        expect:
        !ownerOf('siteweb').contains('project=')
        kvmsh('run', copy.toString()).err.contains("vm 'siteweb' on test:///default belongs to ${first.toAbsolutePath()}, not to this script")

        when: 'the same file names its project'
        Files.writeString(first, SITE)
        def r = kvmsh('run', first.toString())

        then:
        r.code == 0
        ownerOf('siteweb').contains('project="site"')
        r.out.contains("~ record network sitenet as project 'site' (${first.toAbsolutePath()})'s (was ${first.toAbsolutePath()}")

        cleanup:
        kvmsh('down', '--yes', first.toString())
    }
}
