/*
 * populate-bss.c: linked into the native build of harmony (publish profile "native"; see
 * src/Harmony.Genomics.Cli/Harmony.Genomics.Cli.csproj). Before main, it asks the kernel to fault in, in one call, the
 * executable's zero-initialised data: .bss and, above all, the 3.9 MiB ".hydrated" section that the Native AOT runtime
 * fills at start-up (StartupCodeHelpers.RehydrateData). Touched page by page, that section was about 960 of the ~1,250
 * page faults of every run (`harmony --version`), and on this project's VMs a fault costs 2-10 microseconds; faulted in
 * by madvise(MADV_POPULATE_WRITE) the same pages cost a fraction of that: `harmony --version` took 22.7-26.8 ms
 * wall with 1,250 faults, 18.6-18.9 ms with 285 (perf stat, 10 runs each, 2026-12-03).
 *
 * Nothing depends on it: on a kernel without MADV_POPULATE_WRITE (before Linux 5.14) madvise fails and the pages are
 * faulted in as they are touched, as before.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Found in the executable by NativeBuildTests, which so check that this object is linked. */
const char harmony_populate_bss_marker[] = "harmony-populate-bss";

static int populate_writable_zero_fill(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;

    /* The first object is the executable itself (an empty name); its libraries are left alone. */
    if (info->dlpi_name != NULL && info->dlpi_name[0] != '\0')
        return 0;

    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return 1;

    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_W) || segment->p_memsz <= segment->p_filesz)
            continue;

        /* The part of the writable segment past its file contents: zero-filled memory (.bss, .hydrated). */
        uintptr_t start = info->dlpi_addr + segment->p_vaddr + segment->p_filesz;
        uintptr_t end = info->dlpi_addr + segment->p_vaddr + segment->p_memsz;
        start = (start + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
        end = (end + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
        if (end > start)
            (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
    }

    return 1;
}

__attribute__((constructor)) static void harmony_populate_bss(void)
{
    /* Read once, so that the marker is kept with the code that uses it. */
    if (((volatile const char *)harmony_populate_bss_marker)[0] == 'h')
        dl_iterate_phdr(populate_writable_zero_fill, NULL);
}
