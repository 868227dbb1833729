package kvmsh.sandbox

import javax.xml.stream.XMLOutputFactory
import javax.xml.stream.XMLStreamWriter

/**
 * libvirt XML for the end-to-end tests, rendered through StAX (escaping done by the writer, never
 * concatenated). The planner's renderer is not used on purpose: this harness must not depend on
 * the code it will test.
 */
class GuestXml {

    /** A NAT network: bridge isolationbr, 10.0.0.0/8, gateway .254, DHCP .1-.100, fixed hosts (mac: ip). */
    static String natNetwork(String name, Map<String, String> fixedHosts = [:]) {
        render { Xml x ->
            x.el('network') {
                x.el('name', [:], name)
                x.el('forward', [mode: 'nat'])
                x.el('bridge', [name: 'isolationbr', stp: 'off'])
                x.el('ip', [address: '10.0.0.254', netmask: '255.0.0.0']) {
                    x.el('dhcp') {
                        x.el('range', [start: '10.0.0.1', end: '10.0.0.100'])
                        fixedHosts.each { mac, ip -> x.el('host', [mac: mac, ip: ip]) }
                    }
                }
            }
        }
    }

    /**
     * A TCG guest (type 'qemu': nested KVM hangs here) booting the test image directly, serial
     * console to {@code serialLog}. ACPI is on so the guest's 'poweroff -f' really ends the domain
     * (without it the kernel only halts).
     */
    static String guest(String name, GuestImage image, String cmdline, String network, String serialLog,
                        String mac = null) {
        render { Xml x ->
            x.el('domain', [type: 'qemu']) {
                x.el('name', [:], name)
                x.el('memory', [unit: 'MiB'], '128')
                x.el('vcpu', [:], '1')
                x.el('os') {
                    x.el('type', [arch: 'x86_64', machine: 'pc'], 'hvm')
                    x.el('kernel', [:], image.kernel().toString())
                    x.el('initrd', [:], image.initrd().toString())
                    x.el('cmdline', [:], cmdline)
                }
                x.el('features') { x.el('acpi') }
                x.el('on_poweroff', [:], 'destroy')
                x.el('on_reboot', [:], 'destroy')
                x.el('on_crash', [:], 'destroy')
                x.el('devices') {
                    x.el('interface', [type: 'network']) {
                        x.el('source', [network: network])
                        if (mac) {
                            x.el('mac', [address: mac])
                        }
                        x.el('model', [type: 'virtio'])
                    }
                    x.el('serial', [type: 'file']) {
                        x.el('source', [path: serialLog])
                        x.el('target', [port: '0'])
                    }
                    x.el('memballoon', [model: 'none'])
                }
            }
        }
    }

    private static String render(Closure body) {
        def out = new StringWriter()
        def w = XMLOutputFactory.newInstance().createXMLStreamWriter(out)
        body(new Xml(w))
        w.flush()
        out.toString()
    }

    /** Element helper: name, attributes, then either text or a nested block. */
    static class Xml {
        private final XMLStreamWriter w

        Xml(XMLStreamWriter w) {
            this.w = w
        }

        void el(String name, Map<String, String> attrs = [:], Object content = null) {
            w.writeStartElement(name)
            attrs.each { k, v -> w.writeAttribute(k, v) }
            if (content instanceof Closure) {
                content.call()
            } else if (content != null) {
                w.writeCharacters(content.toString())
            }
            w.writeEndElement()
        }

        void el(String name, Closure block) {
            el(name, [:], block)
        }
    }
}
