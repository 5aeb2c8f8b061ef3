#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "flowsim/exit_codes.hpp"
#include "flowsim/interruption.hpp"

namespace flowsim::cli {

/// Where a command writes its result: stdout, or the file named by `-o`.
///
/// A regular file (or a new path) is written to a temporary file beside it, created
/// exclusively under a unique name (O_EXCL | O_NOFOLLOW, so nothing planted there is
/// followed or reused), and renamed into place by commit(); a failure never leaves half
/// a file or the temporary one. A symbolic link is followed and its target replaced, the
/// link kept. A character device or FIFO (`-o /dev/null`, a pipe) is written in place,
/// never replaced; a directory, block device or socket is refused. A path that is one of
/// `loaded_files` (the scenario and its includes, however named) is refused. A second
/// Ctrl-C, which ends flowsim at once, removes the temporary file too (RemoveOnKill).
///
/// The first write that fails is remembered with its reason: failed() says so at once,
/// so that a command stops its work, and commit() reports it.
class Output {
public:
    /// `path` empty: stdout.
    explicit Output(std::string path, const std::vector<std::string>& loaded_files = {});
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    /// False (after printing why) when the destination cannot or must not be written;
    /// error_exit() is then the status to exit with.
    bool ok() const { return ok_; }
    /// kInvalidInput when the destination was refused (a scenario file, a directory...),
    /// kInternal when it could not be opened.
    ExitCode error_exit() const { return refused_ ? ExitCode::kInvalidInput : ExitCode::kInternal; }

    std::ostream& stream();
    /// True once a write has failed: nothing more will be written, stop working.
    bool failed() const;
    /// Flushes and moves the file into place; false (after printing why, with the
    /// system's reason) when any write failed or the rename did.
    bool commit();

private:
    class Buffer;
    void fail_open(const std::string& why, bool refused);
    std::string describe() const;

    std::string path_;       // as given; empty: stdout
    std::string final_;      // where the result goes (a symbolic link's target)
    std::string temporary_;  // empty when written in place
    std::unique_ptr<RemoveOnKill> remove_on_kill_;  // the temporary file, on a second Ctrl-C
    std::unique_ptr<Buffer> buffer_;
    std::unique_ptr<std::ostream> stream_;
    int fd_ = -1;
    bool ok_ = true;
    bool refused_ = false;
    bool committed_ = false;
};

}  // namespace flowsim::cli
