"""A team on many desks: every desk keeps its own copy of the articles (and its own index)
and git, through dulwich, carries the changes between them and the team's remote -- any
git server the team already runs (a bare repository on a share, Gitea, GitLab, ssh).

Parts, one job each (no Qt anywhere):
- `remote`: which addresses are accepted, the git client for one, and what a failure
  means to the user (unreachable, sign-in needed, push refused).
- `credentials`: tokens and ssh key passphrases in the system keyring, never in files.
- `state`: the desk's team settings (in the repository's own git config), the last
  sync's status (in the desk's data folder) and the articles waiting for a decision.
- `merging`: 3-way merges of trees and article texts.
- `worktree`: bringing the articles on disk from one commit to another, one whole file
  at a time, with a journal so an interrupted update is rolled back and redone.
- `transfer`: fetch and push.
- `sync`: the two roles (agent, editor) from fetch to push.
- `clone`: a new desk.
- `desk`: what `KnowledgeBase.team` offers the window and the command line.
"""

ROLES = ("agent", "editor")  # agent: follows the remote; editor: also publishes its saves
