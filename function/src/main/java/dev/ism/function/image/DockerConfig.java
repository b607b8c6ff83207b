package dev.ism.function.image;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container's run configuration, OpenShift's {@code docker10.DockerConfig}: what an image config
 * holds under {@code config} and {@code container_config}, and what the Image's
 * {@code dockerImageMetadata} shows again under {@code Config} and {@code ContainerConfig}. Other keys
 * of the config (an OCI config's {@code StopSignal}, say) are not part of it and are dropped.
 */
record DockerConfig(
        String hostname, String domainname, String user, long memory, long memorySwap, long cpuShares, String cpuset,
        boolean attachStdin, boolean attachStdout, boolean attachStderr, List<String> portSpecs, Set<String> exposedPorts,
        boolean tty, boolean openStdin, boolean stdinOnce, List<String> env, List<String> cmd, List<String> dns,
        String image, Set<String> volumes, String volumesFrom, String workingDir, List<String> entrypoint,
        boolean networkDisabled, List<String> securityOpts, List<String> onBuild, Map<String, String> labels) {

    static DockerConfig read(GoStruct s) {
        return new DockerConfig(
                s.string("Hostname"), s.string("Domainname"), s.string("User"), s.int64("Memory"), s.int64("MemorySwap"),
                s.int64("CpuShares"), s.string("Cpuset"), s.bool("AttachStdin"), s.bool("AttachStdout"),
                s.bool("AttachStderr"), s.strings("PortSpecs"), s.set("ExposedPorts"), s.bool("Tty"), s.bool("OpenStdin"),
                s.bool("StdinOnce"), s.strings("Env"), s.strings("Cmd"), s.strings("Dns"), s.string("Image"),
                s.set("Volumes"), s.string("VolumesFrom"), s.string("WorkingDir"), s.strings("Entrypoint"),
                s.bool("NetworkDisabled"), s.strings("SecurityOpts"), s.strings("OnBuild"), s.stringMap("Labels"));
    }

    /**
     * The JSON form, fields in the Go struct's order, empty ones left out. The pre012 form of the
     * metadata has no labels ({@code withLabels} false): they are always left out there.
     */
    ObjectNode json(boolean withLabels) {
        return new OmitEmpty()
                .string("Hostname", hostname).string("Domainname", domainname).string("User", user)
                .int64("Memory", memory).int64("MemorySwap", memorySwap).int64("CpuShares", cpuShares)
                .string("Cpuset", cpuset).bool("AttachStdin", attachStdin).bool("AttachStdout", attachStdout)
                .bool("AttachStderr", attachStderr).strings("PortSpecs", portSpecs).set("ExposedPorts", exposedPorts)
                .bool("Tty", tty).bool("OpenStdin", openStdin).bool("StdinOnce", stdinOnce)
                .strings("Env", env).strings("Cmd", cmd).strings("Dns", dns).string("Image", image)
                .set("Volumes", volumes).string("VolumesFrom", volumesFrom).string("WorkingDir", workingDir)
                .strings("Entrypoint", entrypoint).bool("NetworkDisabled", networkDisabled)
                .strings("SecurityOpts", securityOpts).strings("OnBuild", onBuild)
                .stringMap("Labels", withLabels ? labels : Map.of())
                .node();
    }
}
