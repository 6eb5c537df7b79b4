// Forking a run from the viewer: a fault at a click (crash, restart or shut down a broker,
// crash a client, cut or heal a link) becomes scenario timeline actions anchored right after
// the last step delivered (`after_step`), appended to the run's JSON document with a note that
// narrates them. The document is loaded again, recorded again and the viewer returns to the
// same position; a saved fork is that document, which `kafkasim run` replays to the same
// trace digest.
#pragma once

#include <string>
#include <vector>

#include "viz/app_state.h"

namespace ksim::viz {

// Applies `fork` to `app` (rebuilding its run); "" on success, else why the scenario refused
// the actions (the run is then unchanged).
std::string fork_run(AppState& app, const Fork& fork);

// The faults the viewer offers for a node of `w`, as forks: for any running node "crash" and
// "isolate" (cut from every other node), for a broker also "shut down" (controlled shutdown),
// for a producer or consumer "shut down" (close()); for a crashed node "restart"; "heal every
// link" when some link is cut.
std::vector<Fork> node_faults(const world::World& w, const trace::NameTable& names, NodeId node);
// Cutting the link between two nodes both ways, or healing every cut link.
Fork cut_link(const std::string& a, const std::string& b);
Fork heal_all();

// The forked scenario as a file's text (pretty JSON), or an explanation when the run has no
// document to save.
std::string fork_document_text(const AppState& app);

}  // namespace ksim::viz
