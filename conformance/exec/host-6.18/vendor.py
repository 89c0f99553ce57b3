#!/usr/bin/env python3
"""Vendors a subset of an execsnap run (real 6.18 host snapshots) into this directory.

usage: vendor.py EXECSNAP_DIR

EXECSNAP_DIR holds run.py (the case list), snaps/CASE.json (one per case), progs/ (the
programs) and machines/. Writes cases/CASE.yaml (what the test execs and what it compares),
elf/IMAGE (each program's header image: the bytes up to the end of its program headers and its
PT_INTERP string), elf/images.yaml (each image's original path, size and sha256) and copies the
machines the cases use. Rerunning it on the same run gives the same files."""
import hashlib, json, os, shutil, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (case, what it covers)
CASES = [
    # static non-PIE: ET_EXEC at p_vaddr
    ('x86_64-static-nopie', 'static non-PIE: PT_LOADs at p_vaddr, bss VMA, vdso at mmap_base'),
    ('x86_64-bigbss-static', 'static non-PIE with a 10 MiB .bss (one anonymous VMA)'),
    ('x86_64-bigdata-static', 'static non-PIE with 1 MiB of .data'),
    ('x86_64-execstack-static', 'PT_GNU_STACK RWE: only [stack] becomes executable'),
    ('x86_64-static-noseparate', '-z noseparate-code: text and rodata share a segment'),
    ('x86_64-static-maxpage2m', '-z max-page-size=0x200000 (a ~6 MB file)'),
    ('x86_64-tiny-static', 'no libc: four small PT_LOADs'),
    ('x86_64-tiny-nognustack', 'no PT_GNU_STACK (ignored on x86_64)'),
    ('x86_64-tiny-omagic', 'ld -N: one RWX segment'),
    ('x86_64-tiny-nmagic', 'ld -n: unaligned segments'),
    ('x86_64-tiny-lowtext', 'text at 0x1000, below mmap_min_addr (allowed for exec)'),
    ('x86_64-tiny-zerofilesz', 'a PT_LOAD with p_filesz 0 (pure anonymous segment at 0x500000)'),
    # static PIE: mapped like an interpreter, top-down below mmap_base
    ('x86_64-static-pie', 'static PIE: image ends at mmap_base, brk moved to ELF_ET_DYN_BASE'),
    ('x86_64-tiny-static-pie', 'small static PIE'),
    ('x86_64-bigbss-static-pie', 'static PIE with 10 MiB .bss: 6.18 THP-aligns the file mapping'),
    ('x86_64-midbss-static-pie', 'static PIE with a mid-size .bss: THP alignment of the file mapping'),
    ('x86_64-static-pie-maxpage2m', 'static PIE with 2 MiB p_align'),
    ('shm-x86_64-bigbss-static-pie', 'the 10 MiB-bss static PIE run from tmpfs: no THP alignment'),
    ('ldso64-direct', 'ld.so run as the program (ET_DYN without PT_INTERP)'),
    # dynamic: PIE at ELF_ET_DYN_BASE, ld.so below mmap_base
    ('x86_64-dyn-pie', 'dynamic PIE with ld.so'),
    ('x86_64-dyn-nopie', 'dynamic non-PIE with ld.so'),
    ('x86_64-dyn-pie-nognustack', 'dynamic PIE without PT_GNU_STACK'),
    ('x86_64-dyn-pie-maxpage2m', 'dynamic PIE with 2 MiB p_align (a ~6 MB file)'),
    ('x86_64-dyn-pie-noseparate', 'dynamic PIE, -z noseparate-code'),
    ('x86_64-dyn-pie-biginterp', 'a static PIE with a big .bss as PT_INTERP'),
    ('shm-x86_64-dyn-pie', 'dynamic PIE on tmpfs (00:1b), its ld.so on ext4 (fe:00)'),
    ('bin-true', '/bin/true (coreutils) and the system ld.so'),
    ('bin-ls', '/bin/ls: a .bss past the last file page'),
    # i386 programs on the 64-bit kernel (compat)
    ('i386-static-nopie', 'compat: static non-PIE at 0x8048000, 32-bit stack'),
    ('i386-static-pie', 'compat: static PIE below the compat mmap_base'),
    ('i386-bigbss-static-pie', 'compat: static PIE, 10 MiB .bss'),
    ('i386-midbss-static-pie', 'compat: static PIE, mid-size .bss'),
    ('i386-dyn-pie', 'compat: dynamic PIE at COMPAT_ELF_ET_DYN_BASE, 32-bit ld.so'),
    ('i386-dyn-nopie', 'compat: dynamic non-PIE'),
    ('i386-tiny-nognustack', 'compat without PT_GNU_STACK: READ_IMPLIES_EXEC, merged r-x VMAs'),
    ('i386-static-maxpage2m', 'compat: 2 MiB p_align'),
    ('i386-tiny-lowtext', 'compat: text at 0x1000'),
    ('i386-tiny-zerofilesz', 'compat: a PT_LOAD with p_filesz 0'),
    ('ldso32-direct', 'compat: the 32-bit ld.so run as the program'),
    # argv and environment
    ('x86_64-static-nopie-noenv', 'empty environment'),
    ('x86_64-static-nopie-envlong', '4 environment strings of 5000 bytes'),
    ('x86_64-static-nopie-args200x100', '200 extra arguments of 100 bytes: a bigger [stack] VMA'),
    ('x86_64-static-nopie-argc0', 'argv = {NULL}: the kernel adds "" as argv[0]'),
    ('x86_64-static-nopie-argv0', 'argv[0] differs from the execve() filename'),
    ('x86_64-static-nopie-emptyargs', 'empty argument and environment strings'),
    ('x86_64-static-nopie-relname', 'a relative execve() filename (./NAME) as AT_EXECFN'),
    ('x86_64-static-nopie-longname', 'a 1000+-byte symlinked path as AT_EXECFN, the target in maps'),
    ('i386-static-pie-argc0', 'compat: argv = {NULL}'),
    ('i386-dyn-pie-envlong', 'compat: long environment strings'),
    ('bin-ls-args3-envfew', '/bin/ls -l -a / with a small environment'),
    # RLIMIT_STACK: the mmap_base gap, and the legacy layout when unlimited
    ('x86_64-static-nopie-stack64K', 'RLIMIT_STACK 64K: [stack] only 64 KiB, mmap_base gap 128 MiB'),
    ('x86_64-dyn-pie-stack100K', 'RLIMIT_STACK 100K'),
    ('x86_64-static-pie-stack64M', 'RLIMIT_STACK 64M: the mmap_base gap is the rlimit'),
    ('x86_64-dyn-nopie-stack4G', 'RLIMIT_STACK 4G: the gap is capped (TASK_SIZE/6*5)'),
    ('x86_64-static-nopie-stackunlimited', 'RLIMIT_STACK unlimited: legacy mmap_base'),
    ('x86_64-dyn-pie-stackunlimited', 'unlimited: ld.so and vdso at the legacy base'),
    ('x86_64-bigbss-static-pie-stackunlimited', 'unlimited: a static PIE at the legacy base'),
    ('i386-dyn-pie-stackunlimited', 'compat, unlimited: the compat legacy base'),
    # refused by the real kernel
    ('x86_64-static-nopie-stack64K-args2000x100', 'E2BIG: 200 KB of strings over a 64K stack limit'),
    ('x86_64-static-nopie-stack2M-E2BIG', 'E2BIG: 600 KB of strings over a quarter of a 2M stack limit'),
]

def q(s):
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(s)


def elf_cut(data):
    """(cut length, PT_INTERP path or None): the bytes exec reads of a file."""
    assert data[:4] == b'\x7fELF', 'not ELF'
    is64 = data[4] == 2
    if is64:
        phoff, = struct.unpack_from('<Q', data, 32)
        phentsize, phnum = struct.unpack_from('<HH', data, 54)
        ehsize = 64
    else:
        phoff, = struct.unpack_from('<I', data, 28)
        phentsize, phnum = struct.unpack_from('<HH', data, 42)
        ehsize = 52
    cut = max(ehsize, phoff + phentsize * phnum)
    interp = None
    for i in range(phnum):
        o = phoff + i * phentsize
        if is64:
            ptype, _, off, _, _, filesz = struct.unpack_from('<IIQQQQ', data, o)
        else:
            ptype, off, _, _, filesz = struct.unpack_from('<IIIII', data, o)
        if ptype == 3:
            cut = max(cut, off + filesz)
            interp = data[off:off + filesz].split(b'\0')[0].decode()
    return cut, interp


def file_of(maps, path):
    for line in maps:
        f = line.split(None, 5)
        if len(f) == 6 and f[5].strip() == path:
            return f[3], int(f[4])
    raise SystemExit('no maps line for ' + path)


def main():
    src = os.path.abspath(sys.argv[1])
    sys.path.insert(0, src)
    import run
    progs = {n: (p, o) for n, p, o in run.cases()}
    progs_dir = os.path.join(src, 'progs')
    for d in ('cases', 'elf', 'machines'):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
        os.makedirs(os.path.join(HERE, d))
    images = {}
    machines = set()

    def image(host_path):
        """Cuts the header image of a host file; returns (image name, PT_INTERP)."""
        real = os.path.realpath(host_path)
        if real.startswith('/dev/shm/execsnap/'):  # the tmpfs copies are byte-identical to progs/
            real = os.path.join(progs_dir, os.path.basename(real))
        data = open(real, 'rb').read()
        cut, interp = elf_cut(data)
        name = os.path.basename(real)
        if name not in images:
            open(os.path.join(HERE, 'elf', name), 'wb').write(data[:cut])
            images[name] = (real, len(data), hashlib.sha256(data).hexdigest(), cut)
        return name, interp

    for case, about in CASES:
        host_path, opts = progs[case]
        snap = json.load(open(os.path.join(src, 'snaps', case + '.json')))
        rl = opts.get('rlimit', '8M')
        machine = 'host-6.18-stack' + rl
        machines.add(machine)
        img, interp = image(host_path)
        if 'error' in snap:  # no snapshot: the execve() run.py made
            assert set(opts) <= {'extra', 'rlimit'}, case
            extra = list(opts.get('extra', (0, 0)))
            snap.update(program=host_path, argv=[host_path] + ['<extra>'] * extra[0], env=['A=1'], extra_args=extra)
        execfn = snap['program']
        n_extra, len_extra = snap['extra_args']
        argv = snap['argv'][:len(snap['argv']) - n_extra]
        assert not any(a.startswith('<extra') for a in argv), case
        out = ['# ' + case + ': ' + about,
               'machine: ' + machine,
               'execve:',
               '  filename: ' + q(execfn),
               '  argv: [' + ', '.join(q(a) for a in argv) + ']']
        if n_extra:
            out.append('  extra_args: {count: %d, length: %d}   # "abc..." strings: char j of arg i is '
                       "'a' + (i + j) %% 26" % (n_extra, len_extra))
        out.append('  envp: [' + ', '.join(q(e) for e in snap['env']) + ']')
        maps = snap.get('maps')
        if 'error' in snap:
            # no process: the program's file as run.py passed it to vmlab
            dev, ino = run.devino(host_path)
            real = os.path.realpath(host_path)
        else:
            real = os.path.realpath(host_path)
            dev, ino = file_of(maps, real)
        out += ['program: {image: %s, path: %s, dev: "%s", inode: %d}' % (q(img), q(real), dev, ino)]
        if interp:
            ireal = os.path.realpath(interp)
            idev, iino = file_of(maps, ireal)
            iimg, _ = image(interp)
            out += ['interpreter: {pt_interp: %s, image: %s, path: %s, dev: "%s", inode: %d}'
                    % (q(interp), q(iimg), q(ireal), idev, iino)]
        if 'error' in snap:
            assert 'Argument list too long' in snap['error'], case
            out += ['expect:', '  errno: E2BIG   # ' + snap['error'].splitlines()[0]]
        else:
            out += ['expect:', '  maps:']
            out += ['    - ' + q(m) for m in maps]
            out += ['  auxv:']
            out += ['    - [%s, "%s"]' % (a['type'], a['value']) for a in snap['auxv']]
            out += ['  sp: "%s"' % snap['sp'], '  brk: "%s"' % snap['brk']]
            sp = int(snap['sp'], 16)
            stack = bytes.fromhex(snap['stack'])
            assert sp + len(stack) == int(snap['stack_vma'][1], 16), case
            out += ['  stack:   # sp .. end of [stack], 32 bytes a line (the 16 AT_RANDOM bytes vary between runs)']
            for i in range(0, len(stack), 32):
                out.append('    - "%x %s"' % (sp + i, stack[i:i + 32].hex()))
        open(os.path.join(HERE, 'cases', case + '.yaml'), 'w').write('\n'.join(out) + '\n')

    with open(os.path.join(HERE, 'elf', 'images.yaml'), 'w') as f:
        f.write('# Header images: the first CUT bytes of each file (ELF header, program headers, PT_INTERP).\n'
                '# size and sha256 are the whole original file\'s; exec sees a file of that size.\n')
        for name in sorted(images):
            path, size, sha, cut = images[name]
            f.write('%s: {from: %s, size: %d, cut: %d, sha256: %s}\n' % (q(name), q(path), size, cut, sha))
    for m in sorted(machines):
        shutil.copy(os.path.join(src, 'machines', m + '.yaml'), os.path.join(HERE, 'machines'))
    print(len(CASES), 'cases,', len(images), 'images,', len(machines), 'machines')


if __name__ == '__main__':
    main()
