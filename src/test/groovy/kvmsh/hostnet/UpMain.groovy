package kvmsh.hostnet

import java.nio.file.Path
import kvmsh.host.ProcessRunner
import kvmsh.model.NetworkMode

/** One {@code up} of the NAT test network in another JVM: {@code UpMain <netns> <run root>}. */
class UpMain {

    static void main(String[] args) {
        def driver = new HostNetworkDriver(new ProcessRunner().inNetns(args[0]), new RunDirectory(Path.of(args[1])))
        def status = driver.up(HostNets.network(NetworkMode.NAT))
        println status.dnsmasqPid().asLong
    }
}
