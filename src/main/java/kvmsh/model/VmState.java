package kvmsh.model;

/** The state a script wants a VM in after apply. */
public enum VmState { RUNNING, STOPPED }
