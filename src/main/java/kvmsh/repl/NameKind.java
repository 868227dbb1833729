package kvmsh.repl;

/** The kinds of live names completion offers where a name is expected. */
enum NameKind { DOMAIN, NETWORK, POOL, VOLUME }
