package kvmsh.hostnet

import java.nio.file.Path

/** Writes a record, a file and a lock under run directory {@code args[0]}: RunFilesSpec starts it under umask 000. */
class RunFilesMain {
    static void main(String[] args) {
        def run = new RunDirectory(Path.of(args[0]))
        new NetworkRecord('lan', kvmsh.model.NetworkMode.NAT, 'kvbr-lan', true, null, null, null, null).write(run)
        RunFiles.write(run.dnsmasqConf('lan'), 'port=0\n')
        RunFiles.touch(run.tapMarker('lan', 'vnet1'))
        NetworkLock.acquire(run.networkLock('lan'), "network 'lan'").close()
    }
}
