from kiosk.advisor import main

raise SystemExit(main())
