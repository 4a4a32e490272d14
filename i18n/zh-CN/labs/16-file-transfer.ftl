# Lab 16 · file-transfer: socklab run 16 --lang zh-CN

## The lab

lab16-title = File transfer
    .en = File transfer
lab16-shows = header (name, size, SHA-256) then the body; unsafe names, short uploads and decoded binary rejected
    .en = header (name, size, SHA-256) then the body; unsafe names, short uploads and decoded binary rejected
lab16-summary =
    A put sends a length-prefixed JSON header (name, size, SHA-256), then the body in chunks.
    The receiver writes a temporary file and keeps it only if size and digest match: a
    3 MiB file arrives intact, "../../etc/passwd" and a short upload leave nothing behind.
    .en =
        A put sends a length-prefixed JSON header (name, size, SHA-256), then the body in chunks.
        The receiver writes a temporary file and keeps it only if size and digest match: a
        3 MiB file arrives intact, "../../etc/passwd" and a short upload leave nothing behind.

## Checks (id after the lab number, as in --format json)

lab16-intact-verdict = put data.bin (3 MiB): receiver
    .en = put data.bin (3 MiB): receiver
lab16-intact-listing = files in the folder
    .en = files in the folder
lab16-intact-digest = SHA-256 of the stored file
    .en = SHA-256 of the stored file
lab16-intact-identical = identical to the file sent
    .en = identical to the file sent
lab16-hostile-name-verdict = put "../../etc/passwd": receiver
    .en = put "../../etc/passwd": receiver
lab16-early-stop-verdict = sender closes after 1 MiB of 3: receiver
    .en = sender closes after 1 MiB of 3: receiver
lab16-early-stop-partial = temporary file it deleted
    .en = temporary file it deleted
lab16-hostile-header-length = header length 4294967295: receiver
    .en = header length 4294967295: receiver
lab16-course-text-size = course receiver, chunks decoded: bytes written
    .en = course receiver, chunks decoded: bytes written
lab16-course-text-digest = its SHA-256 against the header
    .en = its SHA-256 against the header
lab16-sleep-between-chunks = put with time.sleep(0.001) between chunks
    .en = put with time.sleep(0.001) between chunks
lab16-minus-1500-written = file_size -= 1500, lines sent one by one: written
    .en = file_size -= 1500, lines sent one by one: written
lab16-minus-1500-next-header = the next recv(4), as struct 'i' header length
    .en = the next recv(4), as struct 'i' header length
lab16-minus-len-written = file_size -= len(data): written, left over
    .en = file_size -= len(data): written, left over
lab16-getattr-dispatch = cmd "clear_folder" via getattr(self, cmd)
    .en = cmd "clear_folder" via getattr(self, cmd)
lab16-table-dispatch = via a table of commands (put only)
    .en = via a table of commands (put only)
lab16-normpath-join = normpath(join(uploads, "../escaped.txt"))
    .en = normpath(join(uploads, "../escaped.txt"))
lab16-normpath-join-written = the lab folder after the course's write
    .en = the lab folder after the course's write
lab16-normpath-join-uploads = the upload folder
    .en = the upload folder
lab16-folders-left = temporary folders left after the lab
    .en = temporary folders left after the lab

## Narration (--step): what is about to happen, and what to watch

lab16-step-1 = An FTP-like put of a 3 MiB file: JSON header (name, size, SHA-256), then the body in chunks.
    .en = An FTP-like put of a 3 MiB file: JSON header (name, size, SHA-256), then the body in chunks.
lab16-step-1-watch = the stored file's digest equals the header's.
    .en = the stored file's digest equals the header's.
lab16-step-2 = A client asks to store "../../etc/passwd".
    .en = A client asks to store "../../etc/passwd".
lab16-step-2-watch = rejected before anything is written.
    .en = rejected before anything is written.
lab16-step-3 = A client stops after 1 MiB of the 3 MiB it announced.
    .en = A client stops after 1 MiB of the 3 MiB it announced.
lab16-step-3-watch = an error, and no partial file left behind.
    .en = an error, and no partial file left behind.
lab16-step-4 = A client announces a 4 GiB header.
    .en = A client announces a 4 GiB header.
lab16-step-4-watch = refused before any allocation.
    .en = refused before any allocation.
lab16-step-5 = The course's receiver, which decodes each chunk as text and writes it back out.
    .en = The course's receiver, which decodes each chunk as text and writes it back out.
lab16-step-5-watch = a bigger file with a different digest: binary data corrupted.
    .en = a bigger file with a different digest: binary data corrupted.
lab16-step-6 = The same put with the course's sleep between chunks.
    .en = The same put with the course's sleep between chunks.
lab16-step-6-watch = the same stored file: the sleep was never what kept the chunks apart.
    .en = the same stored file: the sleep was never what kept the chunks apart.
lab16-step-7 = The course's receive loop subtracts 1500 per recv while the client sends the file line by line.
    .en = The course's receive loop subtracts 1500 per recv while the client sends the file line by line.
lab16-step-7-watch = one line written of 40, the rest read as the next header.
    .en = one line written of 40, the rest read as the next header.
lab16-step-8 = A client sends {"{"}"cmd": "clear_folder"{"}"}: a method of the course's server, not a command.
    .en = A client sends {"{"}"cmd": "clear_folder"{"}"}: a method of the course's server, not a command.
lab16-step-8-watch = getattr calls it and the stored files are gone; a table of commands refuses it.
    .en = getattr calls it and the stored files are gone; a table of commands refuses it.
lab16-step-9 = The course's receiver writes to normpath(join(uploads, "../escaped.txt")).
    .en = The course's receiver writes to normpath(join(uploads, "../escaped.txt")).
lab16-step-9-watch = a file outside the upload folder.
    .en = a file outside the upload folder.
