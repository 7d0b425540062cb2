from tettpa_tui.cli import main

raise SystemExit(main())
