package kvmsh.dsl

import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

class VmResolverSpec extends Specification {

    def 'names disk targets per bus in declaration order'() {
        when:
        def vm = load("""vm 'a' {
    disk '/d/1.img'; cdrom '/d/x.iso'; disk '/d/2.qcow2'; disk '/d/3.img', bus: 'ide'
    disk '/d/4.img', bus: 'sata'; cdrom '/d/y.iso', bus: 'scsi'; disk size: '1G', bus: 'usb'; cdrom '/d/z.iso'
}""").vms()[0]

        then:
        vm.disks()*.target() == ['vda', 'hda', 'vdb', 'hdb', 'sda', 'sdb', 'sdc', 'hdc']
        vm.disks()*.format() == ['raw', 'raw', 'qcow2', 'raw', 'raw', 'raw', 'qcow2', 'raw']
        vm.disks()[6].volume() == 'a-sdc.qcow2'
    }

    def 'names disks past z like Linux does'() {
        expect:
        VmResolver.letters(0) == 'a'
        VmResolver.letters(25) == 'z'
        VmResolver.letters(26) == 'aa'
        VmResolver.letters(27) == 'ab'
    }

    def 'takes a new volume with pool and name'() {
        when:
        def disk = load("vm 'a' { disk size: '20G', pool: 'fast', name: 'data.qcow2' }").vms()[0].disks()[0]

        then:
        disk.pool() == 'fast'
        disk.volume() == 'data.qcow2'
        disk.sizeBytes() == 20L << 30
        disk.path() == null
    }

    def 'picks the boot order from what the VM has'() {
        expect:
        load("vm 'a' { $settings }").vms()[0].boot() == boot

        where:
        settings                                        || boot
        "disk '/a.img'; cdrom '/b.iso'; nic bridge: 'b'" || ['hd']
        "cdrom '/b.iso'; nic bridge: 'b'"               || ['cdrom']
        "nic bridge: 'b'"                               || ['network']
        "kernel '/k'; disk '/a.img'"                    || []
        "boot 'network', 'hd'; disk '/a.img'"           || ['network', 'hd']
        ''                                              || []
    }

    def 'reads memory sizes in binary units'() {
        expect:
        load("vm 'a' { memory $value }").vms()[0].memoryMiB() == mib

        where:
        value     || mib
        '128'     || 128
        "'512M'"  || 512
        "'2G'"    || 2048
        "'1GiB'"  || 1024
        "'4096'"  || 4096
    }

    def 'maps accel to the libvirt domain type'() {
        expect:
        load("vm 'a' { accel 'tcg' }").vms()[0].virtType() == 'qemu'
        load("vm 'a' { accel 'kvm' }").vms()[0].virtType() == 'kvm'
        problems("vm 'a' { accel 'xen' }") == ["t.kvm:1:10: unknown accel 'xen' — use accel 'kvm' or accel 'tcg'"]
    }

    def 'rejects initrd and cmdline without a kernel'() {
        expect:
        problems("vm 'a' { initrd '/i'; cmdline 'quiet' }") == [
                "t.kvm:1:10: initrd without kernel — add kernel 'vmlinuz' or remove initrd",
                "t.kvm:1:23: cmdline without kernel — add kernel 'vmlinuz' or remove cmdline"]
    }

    def 'works in if and while bodies without braces'() {
        when:
        def model = load("""def n = 0
if (true) vm 'a' { memory 64 }
while (n++ < 2) vm "w\$n" { }""")

        then:
        model.vms()*.name() == ['a', 'w1', 'w2']
        model.vms()*.origin()*.line() == [2, 3, 3]
        model.vms()*.origin()*.column() == [11, 17, 17]
    }

    def 'reports a failed assertion in the script'() {
        expect:
        problems("assert args.size() == 1")[0].startsWith('t.kvm:1:1: assertion failed: assert args.size() == 1')
    }
}
