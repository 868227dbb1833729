package kvmsh.cli

/**
 * {@code waitForSsh} and {@code ssh} statements against libvirt's test driver: planned only for VMs
 * the run starts (an unchanged script plans "No changes."), listed as {@code > then:} steps, and a failure keeps what the run made instead of undoing it. The driver keeps no
 * leases, so here a statement can only time out; a login is the end-to-end specs'.
 */
class SshStatementsSpec extends TestDriverFixture {

    String text(String statements) {
        """vm 'prov' {
    memory 128
    nic bridge: 'kvbr8', mac: '52:54:00:5e:00:08'
    cloudInit { user 'admin' }
}
$statements
"""
    }

    def cleanup() {
        kvmsh('down', '--yes', dir.resolve('prov.kvm').toString())
    }

    def 'they are planned under a VM the run starts, as then steps, and not when it already runs'() {
        given:
        def f = script('prov.kvm', text("waitForSsh 'prov', timeout: '2m'\nssh 'prov', 'systemctl is-active nginx', user: 'ops'\nlist()\n"))

        when:
        def plan = kvmsh('plan', f.toString())
        def steps = plan.out.readLines().findAll { it =~ /^\s+[-+~>] / }*.trim()

        then:
        plan.code == 0
        steps == ["+ create cloud-init seed default-pool/prov-cidata.iso of prov (instance-id ${(plan.out =~ /kvmsh-[0-9a-f]{16}/)[0]})",
                  '+ define vm prov (128 MiB, 1 cpu, nic on bridge kvbr8)',
                  '+ start vm prov',
                  "> then: wait for ssh on prov (up to 2m)   ($f:6:1)",
                  "> then: ssh prov as ops 'systemctl is-active nginx'   ($f:7:1)",
                  "> list   ($f:8:1)"]*.toString()

        when: 'the VM runs already (made by a script without the statements)'
        script('prov.kvm', text(''))
        assert kvmsh('run', f.toString()).code == 0
        script('prov.kvm', text("waitForSsh 'prov', timeout: '2m'\nssh 'prov', 'systemctl is-active nginx', user: 'ops'\n"))
        def again = kvmsh('plan', f.toString())

        then:
        again.code == 0
        again.out.readLines().last() == 'No changes.'
        !again.out.contains('then:')

        when: 'a statement before them starts or reboots it'
        script('prov.kvm', text("reboot 'prov'\nwaitForSsh 'prov'\n"))
        def rebooted = kvmsh('plan', f.toString())

        then:
        rebooted.out.contains("> reboot prov   ($f:6:1)")
        rebooted.out.contains("> then: wait for ssh on prov (up to 5m)   ($f:7:1)")
    }

    def 'plan --json names them as statements of their VM'() {
        given:
        def f = script('prov.kvm', text("ssh 'prov', 'uptime'\n"))

        when:
        def r = kvmsh('plan', '--json', f.toString())
        def doc = new groovy.json.JsonSlurper().parseText(r.out)
        def step = doc.steps.find { it.change == 'statement' }

        then:
        r.code == 0
        step.action == 'ssh'
        step.kind == 'vm'
        step.name == 'prov'
        step.description == "> then: ssh prov 'uptime'   ($f:6:1)".toString()
    }

    def 'a statement that fails fails the run and keeps the VM it made, saying so'() {
        given:
        def f = script('prov.kvm', text("waitForSsh 'prov', timeout: 1\nlist()\n"))

        when:
        def r = kvmsh('run', f.toString())

        then:
        r.code == ExitCodes.APPLY_FAILED
        r.out.contains('wait: vm prov to answer ssh (up to 1 s)')
        r.out.contains('wait: vm prov to answer ssh: timed out after ')
        r.err.readLines()[0] =~ /^kvmsh: .*prov\.kvm: step 4 failed: then: wait for ssh on prov \(up to 1s\)   \(.*prov\.kvm:6:1\): vm prov did not answer ssh within 1 s; last: vm prov has no DHCP lease yet \(MAC 52:54:00:5e:00:08; looked in no network kvmsh can read leases of\)$/
        r.out.contains('wait: vm prov to answer ssh: timed out after 1 s: vm prov has no DHCP lease yet')
        r.err.readLines()[1] == 'nothing was undone: a command in a guest failed, and what the run made for it stays to look into (kvmsh ssh VM; kvmsh down removes it, asking before it deletes disks):'
        r.err.contains('  + define vm prov')
        r.err.contains('  + start vm prov')
        !r.out.contains('> list')
        'prov' in domains()
        keepAlive.domainLookupByName('prov').isActive() == 1
        volumes().contains('prov-cidata.iso')

        when: 'the next run: the VM runs, so nothing is planned'
        def again = kvmsh('plan', f.toString())

        then:
        again.out.contains('No changes.')
    }
}
