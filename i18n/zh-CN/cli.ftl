# socklab's command line: about, help and examples of every command and
# option (clap). Found by their English (.en), like every zh-CN message.
# Keep option names, values, commands and example command lines as they are;
# translate the words, and keep the examples' columns aligned (a Chinese
# character is two columns wide).

cli-heading-usage = Usage:
    .en = Usage:
cli-heading-commands = Commands
    .en = Commands
cli-heading-arguments = Arguments
    .en = Arguments
cli-heading-options = Options
    .en = Options
cli-about = socklab: socket programming by experiment
    .en = socklab: socket programming by experiment
cli-long-about =
    socklab: socket programming by experiment.
    
    Each lab makes one classic socket lesson happen on loopback (sticky packets, Nagle, UDP truncation, TIME_WAIT...), measures what the kernel really did, and prints check | expected | observed | verdict.
    .en =
        socklab: socket programming by experiment.
        
        Each lab makes one classic socket lesson happen on loopback (sticky packets, Nagle, UDP truncation, TIME_WAIT...), measures what the kernel really did, and prints check | expected | observed | verdict.
cli-after-help =
    Examples:
      socklab list                      every lab, with what it shows
      socklab run 3                     lab 3: UDP truncation
      socklab run nagle-sticky 5        labs by slug or number
      socklab run all --repeat 50       check a machine before class
      socklab explain 1                 the lab sheet: what happens and why
      socklab doctor                    does this machine behave like the book's?
      socklab bench                     socklab's numbers beside sockperf's and a raw copy
    
    Exit status: 0 every check passed, 1 a check mismatched, 2 usage or
    environment error.
    .en =
        Examples:
          socklab list                      every lab, with what it shows
          socklab run 3                     lab 3: UDP truncation
          socklab run nagle-sticky 5        labs by slug or number
          socklab run all --repeat 50       check a machine before class
          socklab explain 1                 the lab sheet: what happens and why
          socklab doctor                    does this machine behave like the book's?
          socklab bench                     socklab's numbers beside sockperf's and a raw copy
        
        Exit status: 0 every check passed, 1 a check mismatched, 2 usage or
        environment error.
cli-lang-help = The language of socklab's own text (titles, check names, verdicts, narration, errors): en or zh-CN. Default: the locale (LC_ALL, LC_MESSAGES, LANG); one starting with zh means zh-CN
    .en = The language of socklab's own text (titles, check names, verdicts, narration, errors): en or zh-CN. Default: the locale (LC_ALL, LC_MESSAGES, LANG); one starting with zh means zh-CN
cli-list-about = List every lab: number, slug, title, what it shows, typical run time
    .en = List every lab: number, slug, title, what it shows, typical run time
cli-list-after-help =
    Examples:
      socklab list
    .en =
        Examples:
          socklab list
cli-run-about = Run labs on loopback and check what the kernel does
    .en = Run labs on loopback and check what the kernel does
cli-run-after-help =
    Examples:
      socklab run 3                       one lab, by number
      socklab run udp-truncation          the same lab, by slug
      socklab run all                     every lab
      socklab run 1 2 --format markdown   markdown tables (as in the book)
      socklab run all --format json       one JSON array, for scripts
      socklab run all --repeat 50         run each lab 50 times, count passes
      socklab run 5 --rounds 100          lab 5 with 100 round trips per variant
      socklab run 1 --step                narrated: what happens next, what to watch
      socklab run 1 --timeline            a sequence diagram of every send and recv, and the packets
      socklab run 1 --wire                every packet under the table, as tcpdump prints them
      socklab run 13 --diagram lab13.svg  the run's connections as an SVG sequence diagram
      socklab run 1 --diagram nagle.svg --connection 3    only the third connection
      socklab run 1 --pcap lab1.pcap      every packet in a file for Wireshark or tshark
      socklab run all --host-network      on the host's loopback, as the host is tuned (no capture)
    
    The labs run in a private network namespace of their own (only lo, the
    book's sysctls pinned, every packet captured): unprivileged where the kernel
    allows user namespaces, plainly as root. Where neither works socklab says
    why once, runs on the host's loopback and skips the wire checks.
    .en =
        Examples:
          socklab run 3                       one lab, by number
          socklab run udp-truncation          the same lab, by slug
          socklab run all                     every lab
          socklab run 1 2 --format markdown   markdown tables (as in the book)
          socklab run all --format json       one JSON array, for scripts
          socklab run all --repeat 50         run each lab 50 times, count passes
          socklab run 5 --rounds 100          lab 5 with 100 round trips per variant
          socklab run 1 --step                narrated: what happens next, what to watch
          socklab run 1 --timeline            a sequence diagram of every send and recv, and the packets
          socklab run 1 --wire                every packet under the table, as tcpdump prints them
          socklab run 13 --diagram lab13.svg  the run's connections as an SVG sequence diagram
          socklab run 1 --diagram nagle.svg --connection 3    only the third connection
          socklab run 1 --pcap lab1.pcap      every packet in a file for Wireshark or tshark
          socklab run all --host-network      on the host's loopback, as the host is tuned (no capture)
        
        The labs run in a private network namespace of their own (only lo, the
        book's sysctls pinned, every packet captured): unprivileged where the kernel
        allows user namespaces, plainly as root. Where neither works socklab says
        why once, runs on the host's loopback and skips the wire checks.
cli-run-labs-help = Lab numbers (3), slugs (udp-truncation) or `all`
    .en = Lab numbers (3), slugs (udp-truncation) or `all`
cli-run-format-help = Output format
    .en = Output format
cli-run-repeat-help = Run each lab N times and show how many runs each check passed
    .en = Run each lab N times and show how many runs each check passed
cli-run-rounds-help = Round trips per variant in latency labs (lab 5 default: 20; at most 1000, about a minute: a Nagle round trip waits ~40 ms)
    .en = Round trips per variant in latency labs (lab 5 default: 20; at most 1000, about a minute: a Nagle round trip waits ~40 ms)
cli-run-step-help = Narrated mode: announce each step (waits for Enter on a terminal)
    .en = Narrated mode: announce each step (waits for Enter on a terminal)
cli-run-timeline-help = Draw every send and receive as a client/server sequence diagram
    .en = Draw every send and receive as a client/server sequence diagram
cli-run-diagram-help = Draw the lab's connections as an SVG sequence diagram in FILE: every packet and every recorded call (one lab only; records the timeline)
    .en = Draw the lab's connections as an SVG sequence diagram in FILE: every packet and every recorded call (one lab only; records the timeline)
cli-run-connection-help = With --diagram: draw only connection N (1 is the first to appear)
    .en = With --diagram: draw only connection N (1 is the first to appear)
cli-run-wire-help = List every packet of each lab under its table (tcpdump-like)
    .en = List every packet of each lab under its table (tcpdump-like)
cli-run-pcap-help = Write every packet of the run to FILE in pcap format
    .en = Write every packet of the run to FILE in pcap format
cli-run-host-network-help = Run on the host's loopback instead of a private network namespace: the host's sysctls apply (see `socklab doctor`) and nothing is captured, so wire checks are skipped
    .en = Run on the host's loopback instead of a private network namespace: the host's sysctls apply (see `socklab doctor`) and nothing is captured, so wire checks are skipped
cli-doctor-about = Check that this machine behaves like the book's (kernel, sysctls, MTU)
    .en = Check that this machine behaves like the book's (kernel, sysctls, MTU)
cli-doctor-after-help =
    Examples:
      socklab doctor
    
    Exit status: 0 when the machine matches the book, 1 when a setting differs.
    .en =
        Examples:
          socklab doctor
        
        Exit status: 0 when the machine matches the book, 1 when a setting differs.
cli-completions-about = Print a shell completion script
    .en = Print a shell completion script
cli-completions-after-help =
    Examples:
      socklab completions bash > ~/.local/share/bash-completion/completions/socklab
      socklab completions zsh > ~/.zfunc/_socklab
      socklab completions fish > ~/.config/fish/completions/socklab.fish
    .en =
        Examples:
          socklab completions bash > ~/.local/share/bash-completion/completions/socklab
          socklab completions zsh > ~/.zfunc/_socklab
          socklab completions fish > ~/.config/fish/completions/socklab.fish
cli-completions-shell-help = The shell to complete for
    .en = The shell to complete for
cli-serve-about = Play the server of a lab, so that your own client can be the other end
    .en = Play the server of a lab, so that your own client can be the other end
cli-serve-after-help =
    Examples:
      socklab serve 1                     lab 1's server on 127.0.0.1, a free port (printed)
      socklab serve 6 --listen 127.0.0.1:9000
      socklab serve 3 --once              serve one client (one exchange for UDP), then exit
      socklab serve 15 --digest md5 --key 'my key'    the course's hmac.new(key, msg) (HMAC-MD5)
      socklab serve 17 --size-field data_size         replies with data_size instead of total_size
      socklab serve 17 --reply length-prefix          struct 'i' length + output, no JSON
      socklab serve 11 --utc              the time server in UTC instead of local time
    
    Variants: lab 15 takes --digest and --key; lab 17 --reply and --size-field
    (total_size, data_size); lab 11 --utc. Lab 6 reads any of the course's size
    fields and lab 16 both spellings of the file size, with no flag.
    
    The first line is `listening on ADDR:PORT (tcp|udp)`; then one line per call
    the server makes, each starting with the client's address (`client
    127.0.0.1:5555: recv(5) #1: ...`). Each client has a thread of its own, up
    to 128 at once; a client is dropped after --idle-timeout of silence, a
    message not complete within twice that, or 60 s. Ctrl-C stops the server
    (exit 130), removing its temp folders and ending its child processes. Not
    every lab has roles: for one without, socklab says which labs have them
    (exit 2).
    .en =
        Examples:
          socklab serve 1                     lab 1's server on 127.0.0.1, a free port (printed)
          socklab serve 6 --listen 127.0.0.1:9000
          socklab serve 3 --once              serve one client (one exchange for UDP), then exit
          socklab serve 15 --digest md5 --key 'my key'    the course's hmac.new(key, msg) (HMAC-MD5)
          socklab serve 17 --size-field data_size         replies with data_size instead of total_size
          socklab serve 17 --reply length-prefix          struct 'i' length + output, no JSON
          socklab serve 11 --utc              the time server in UTC instead of local time
        
        Variants: lab 15 takes --digest and --key; lab 17 --reply and --size-field
        (total_size, data_size); lab 11 --utc. Lab 6 reads any of the course's size
        fields and lab 16 both spellings of the file size, with no flag.
        
        The first line is `listening on ADDR:PORT (tcp|udp)`; then one line per call
        the server makes, each starting with the client's address (`client
        127.0.0.1:5555: recv(5) #1: ...`). Each client has a thread of its own, up
        to 128 at once; a client is dropped after --idle-timeout of silence, a
        message not complete within twice that, or 60 s. Ctrl-C stops the server
        (exit 130), removing its temp folders and ending its child processes. Not
        every lab has roles: for one without, socklab says which labs have them
        (exit 2).
cli-serve-lab-help = A lab number (1) or slug (nagle-sticky)
    .en = A lab number (1) or slug (nagle-sticky)
cli-serve-listen-help = The address to listen on. Anything but loopback is reachable from the network: socklab then prints a warning
    .en = The address to listen on. Anything but loopback is reachable from the network: socklab then prints a warning
cli-serve-once-help = Serve one client (one exchange for UDP), then exit
    .en = Serve one client (one exchange for UDP), then exit
cli-serve-idle-timeout-help = Drop a client that sends nothing for this long
    .en = Drop a client that sends nothing for this long
cli-serve-digest-help = Lab 15: the hash inside the HMAC (default sha256; the course's `hmac.new(key, msg)` was md5)
    .en = Lab 15: the hash inside the HMAC (default sha256; the course's `hmac.new(key, msg)` was md5)
cli-serve-key-help = Lab 15: the shared key, as text (default: the lab's, "peace and love")
    .en = Lab 15: the shared key, as text (default: the lab's, "peace and love")
cli-serve-reply-help = Lab 17: how replies are framed (default header-dict)
    .en = Lab 17: how replies are framed (default header-dict)
cli-serve-size-field-help = Labs 16 and 17: the header field that holds the size (lab 17: total_size, the default, or data_size)
    .en = Labs 16 and 17: the header field that holds the size (lab 17: total_size, the default, or data_size)
cli-serve-utc-help = Lab 11: tell the time in UTC instead of this machine's local time
    .en = Lab 11: tell the time in UTC instead of this machine's local time
cli-connect-about = Play the client of a lab against a server at ADDR:PORT (yours, or `socklab serve`)
    .en = Play the client of a lab against a server at ADDR:PORT (yours, or `socklab serve`)
cli-connect-after-help =
    Examples:
      socklab connect 1 127.0.0.1:43517   lab 1's client, against the port `socklab serve 1` printed
      socklab connect 6 127.0.0.1:9000    the header-dictionary client, against your server
      socklab connect 15 127.0.0.1:9000 --digest md5 --key 'my key'
      socklab connect 16 127.0.0.1:9000 photo.jpg     upload a file with the course's put
      socklab connect 16 127.0.0.1:9000 a.txt --size-field file_size
    
    Variants: lab 15 takes --digest and --key; lab 16 needs FILE and takes
    --size-field (filesize, file_size). Lab 17's client recognises the three
    reply shapes by itself and sends only harmless commands.
    
    Exit status: 0 the server did its part; 1 it answered or closed in a way
    that shows it did not understand (or it turned the client away); 2 the
    exchange could not happen (refused, timed out, cut).
    .en =
        Examples:
          socklab connect 1 127.0.0.1:43517   lab 1's client, against the port `socklab serve 1` printed
          socklab connect 6 127.0.0.1:9000    the header-dictionary client, against your server
          socklab connect 15 127.0.0.1:9000 --digest md5 --key 'my key'
          socklab connect 16 127.0.0.1:9000 photo.jpg     upload a file with the course's put
          socklab connect 16 127.0.0.1:9000 a.txt --size-field file_size
        
        Variants: lab 15 takes --digest and --key; lab 16 needs FILE and takes
        --size-field (filesize, file_size). Lab 17's client recognises the three
        reply shapes by itself and sends only harmless commands.
        
        Exit status: 0 the server did its part; 1 it answered or closed in a way
        that shows it did not understand (or it turned the client away); 2 the
        exchange could not happen (refused, timed out, cut).
cli-connect-address-help = The server's address, e.g. 127.0.0.1:43517
    .en = The server's address, e.g. 127.0.0.1:43517
cli-connect-file-help = Lab 16: the file to upload
    .en = Lab 16: the file to upload
cli-connect-size-field-help = Lab 16: the header field that holds the file's size (filesize, the default, or file_size)
    .en = Lab 16: the header field that holds the file's size (filesize, the default, or file_size)
cli-bench-about = Benchmark socklab: lab 5's round trip beside sockperf's, the frame codec beside a raw copy, and how long `list` and `run all` take
    .en = Benchmark socklab: lab 5's round trip beside sockperf's, the frame codec beside a raw copy, and how long `list` and `run all` take
cli-bench-after-help =
    Examples:
      socklab bench                       everything, under a minute (build with --release)
      socklab bench --format json         the same figures as JSON, for tracking over time
      socklab bench --message-size 16     round trips of 16-byte messages
      socklab bench --save-json out.json  the table, and the JSON in a file
    
    sockperf (Debian: apt-get install sockperf) is the latency reference; without
    it the bench says so and runs the rest. Run it on an idle machine: the
    figures are reported, never checked, and the exit status is 0 unless the
    bench itself could not run (2).
    .en =
        Examples:
          socklab bench                       everything, under a minute (build with --release)
          socklab bench --format json         the same figures as JSON, for tracking over time
          socklab bench --message-size 16     round trips of 16-byte messages
          socklab bench --save-json out.json  the table, and the JSON in a file
        
        sockperf (Debian: apt-get install sockperf) is the latency reference; without
        it the bench says so and runs the rest. Run it on an idle machine: the
        figures are reported, never checked, and the exit status is 0 unless the
        bench itself could not run (2).
cli-bench-message-size-help = Bytes per request and per reply in the round trips (sockperf's minimum is 14)
    .en = Bytes per request and per reply in the round trips (sockperf's minimum is 14)
cli-bench-seconds-help = Seconds of sockperf ping-pong per trial; socklab then times as many round trips as sockperf did
    .en = Seconds of sockperf ping-pong per trial; socklab then times as many round trips as sockperf did
cli-bench-trials-help = Trials of each comparison (reference and socklab back to back); medians are reported
    .en = Trials of each comparison (reference and socklab back to back); medians are reported
cli-bench-codec-mib-help = MiB each codec or raw copy moves
    .en = MiB each codec or raw copy moves
cli-bench-command-runs-help = Runs of `socklab list` and of `socklab run all`; the median is reported
    .en = Runs of `socklab list` and of `socklab run all`; the median is reported
cli-bench-save-json-help = Also write the figures as JSON to FILE (one run, both outputs)
    .en = Also write the figures as JSON to FILE (one run, both outputs)
cli-dev-about = For socklab's maintainers: check (or sync) every place a lab appears
    .en = For socklab's maintainers: check (or sync) every place a lab appears
cli-dev-check-about = Compare the registry with the sheets, the book, the snapshots and the README; print each disagreement with its fix (exit 1 if any)
    .en = Compare the registry with the sheets, the book, the snapshots and the README; print each disagreement with its fix (exit 1 if any)
cli-dev-check-root-help = The repository's root folder
    .en = The repository's root folder
cli-dev-sync-about = Rewrite the README's lab and serve/connect tables and the labs section of book/src/SUMMARY.md from the registry
    .en = Rewrite the README's lab and serve/connect tables and the labs section of book/src/SUMMARY.md from the registry
cli-exercises-about = List the exercises: write one end of a lab, socklab grades it
    .en = List the exercises: write one end of a lab, socklab grades it
cli-exercises-after-help =
    Examples:
      socklab exercises                   every exercise, and which you have passed
      socklab exercise 1.1                the task of exercise 1.1
      socklab check 1.1 -- python3 my_client.py
    
    What you have passed is kept in $XDG_DATA_HOME/socklab/exercises-done
    (~/.local/share/socklab/exercises-done without XDG_DATA_HOME); the list
    says where. A folder that cannot be written only loses the Done column.
    .en =
        Examples:
          socklab exercises                   every exercise, and which you have passed
          socklab exercise 1.1                the task of exercise 1.1
          socklab check 1.1 -- python3 my_client.py
        
        What you have passed is kept in $XDG_DATA_HOME/socklab/exercises-done
        (~/.local/share/socklab/exercises-done without XDG_DATA_HOME); the list
        says where. A folder that cannot be written only loses the Done column.
cli-exercise-about = Print an exercise's task: what to write, which end socklab plays, how it is checked
    .en = Print an exercise's task: what to write, which end socklab plays, how it is checked
cli-exercise-after-help =
    Examples:
      socklab exercise 6.2
      socklab exercise 6.2 --hint
    .en =
        Examples:
          socklab exercise 6.2
          socklab exercise 6.2 --hint
cli-exercise-id-help = The exercise's id, e.g. 6.2 (see `socklab exercises`)
    .en = The exercise's id, e.g. 6.2 (see `socklab exercises`)
cli-exercise-hint-help = Also print the hint
    .en = Also print the hint
cli-check-about = Grade your program for an exercise: socklab plays the other end
    .en = Grade your program for an exercise: socklab plays the other end
cli-check-after-help =
    Examples:
      socklab check 1.1 -- python3 my_client.py
      socklab check 6.2 -- python3 my_server.py
      socklab check 6.2 --watch -- python3 my_server.py    again on every save
      socklab check 8.1 --time-limit 30 -- ./my_sender
    
    socklab plays its end on 127.0.0.1, on a free port, and runs the command
    after `--` (not through a shell) with the address as its last two
    arguments (HOST PORT) and in SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR
    (HOST:PORT); SOCKLAB_DIR is a private folder for the file exercises.
    stdin is /dev/null; stdout and stderr are kept up to 64 KiB each and shown,
    shortened, under the checks. The program runs in a process group of its
    own and is ended (with anything it started) when the check is over, at
    the time limit, or on Ctrl-C.
    
    Exit status: 0 every check passed; 1 not yet (a check mismatched); 2 the
    check could not run: the command was not found, the program crashed,
    exited without connecting, or ran past the time limit.
    .en =
        Examples:
          socklab check 1.1 -- python3 my_client.py
          socklab check 6.2 -- python3 my_server.py
          socklab check 6.2 --watch -- python3 my_server.py    again on every save
          socklab check 8.1 --time-limit 30 -- ./my_sender
        
        socklab plays its end on 127.0.0.1, on a free port, and runs the command
        after `--` (not through a shell) with the address as its last two
        arguments (HOST PORT) and in SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR
        (HOST:PORT); SOCKLAB_DIR is a private folder for the file exercises.
        stdin is /dev/null; stdout and stderr are kept up to 64 KiB each and shown,
        shortened, under the checks. The program runs in a process group of its
        own and is ended (with anything it started) when the check is over, at
        the time limit, or on Ctrl-C.
        
        Exit status: 0 every check passed; 1 not yet (a check mismatched); 2 the
        check could not run: the command was not found, the program crashed,
        exited without connecting, or ran past the time limit.
cli-check-format-help = Output format (json: the report alone, for scripts)
    .en = Output format (json: the report alone, for scripts)
cli-check-watch-help = Check again each time a file named in COMMAND is saved (Ctrl-C stops)
    .en = Check again each time a file named in COMMAND is saved (Ctrl-C stops)
cli-check-time-limit-help = End the program after this many seconds (exit 2: timed out)
    .en = End the program after this many seconds (exit 2: timed out)
cli-check-command-help = Your program and its arguments, after `--`
    .en = Your program and its arguments, after `--`
cli-explain-about = Print a lab's sheet: what happens, why, and what to look at
    .en = Print a lab's sheet: what happens, why, and what to look at
cli-explain-after-help =
    Examples:
      socklab explain 3
      socklab explain udp-truncation
    .en =
        Examples:
          socklab explain 3
          socklab explain udp-truncation
cli-explain-lab-help = A lab number (3) or slug (udp-truncation)
    .en = A lab number (3) or slug (udp-truncation)
