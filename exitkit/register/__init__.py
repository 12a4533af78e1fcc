"""The DORA register of information (Implementing Regulation (EU) 2024/2956) for one estate."""
